using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Core.Tests.Accounts;

public sealed class UserDeskTests
{
    private static readonly NewsroomUser Root = new("u-root", "管理员甲", new HashSet<string> { NewsRoles.Admin });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NewUserInput NewUser(string email, string name, params string[] roles) => new()
    {
        Email = email, DisplayName = name, Roles = [.. roles], Password = "xiaoyan2026pw", ConfirmPassword = "xiaoyan2026pw",
    };

    private static async Task<string> CreateAsync(AccountsHarness h, NewUserInput input)
    {
        var result = await h.DeskAsync(d => d.CreateAsync(input, Root, Ct));
        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        return result.Id!;
    }

    private static Task<UserEditInput> EditInputAsync(AccountsHarness h, string id, NewsroomUser actor) =>
        h.DeskAsync(async d => (await d.LoadAsync(id, actor, Ct))!.Input);

    [Fact]
    public async Task A_new_account_gets_its_roles_and_one_audit_entry()
    {
        await using var h = await AccountsHarness.CreateAsync();

        var result = await h.DeskAsync(d => d.CreateAsync(NewUser(" tongxunyuan@example.cn ", "张晓燕", NewsRoles.Correspondent, NewsRoles.Reporter), Root, Ct));

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal("已为 张晓燕 开设账号（记者、通讯员）。请把登录邮箱和初始密码当面或通过安全渠道告知本人；本人首次登录时须改为自己的密码。", result.Message);
        var user = await h.UserAsync("tongxunyuan@example.cn");
        Assert.NotNull(user);
        Assert.Equal(result.Id, user.Id);
        Assert.Equal(h.Fixture.Clock.GetUtcNow().UtcDateTime, user.CreatedAt);
        Assert.Equal([NewsRoles.Correspondent, NewsRoles.Reporter], await h.RolesAsync(user.Id));
        var entry = Assert.Single(await h.AuditAsync());
        Assert.Equal(("user.create", "User", user.Id, "管理员甲"), (entry.Action, entry.EntityType, entry.EntityId, entry.UserName));
        Assert.Equal("tongxunyuan@example.cn（记者、通讯员）", entry.Details);
    }

    [Fact]
    public async Task Each_missing_or_wrong_field_is_refused_beside_it_and_nothing_is_written()
    {
        await using var h = await AccountsHarness.CreateAsync();
        var input = new NewUserInput
        {
            Email = "not-an-address", DisplayName = new string('名', 51), Roles = ["Owner"], UnitId = 999, ContributorId = 999,
            Password = "longenough2026", ConfirmPassword = "different2026",
        };

        var result = await h.DeskAsync(d => d.CreateAsync(input, Root, Ct));

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal(
        [
            ("Email", "邮箱格式不正确。"), ("DisplayName", "姓名不超过 50 字。"), ("Roles", "请至少选择一个角色。"),
            ("UnitId", "所选单位不存在。"), ("ContributorId", "所选作者不存在。"), ("ConfirmPassword", "两次输入的密码不一致。"),
        ], result.Errors!.All.Select(e => (e.Field, e.Message)));
        var blank = await h.DeskAsync(d => d.CreateAsync(new NewUserInput { Email = " ", DisplayName = "", Roles = [NewsRoles.Reporter] }, Root, Ct));
        Assert.Equal(
            [("Email", "请填写邮箱（登录名）。"), ("DisplayName", "请填写姓名。"), ("Password", "请为新账号设置初始密码，并告知本人登录后自行保管。")],
            blank.Errors!.All.Select(e => (e.Field, e.Message)));
        Assert.Empty(await h.AuditAsync());
    }

    [Fact]
    public async Task Identitys_refusals_land_on_their_field_and_roll_the_account_back()
    {
        await using var h = await AccountsHarness.CreateAsync();
        await CreateAsync(h, NewUser("jizhe@example.cn", "记者乙", NewsRoles.Reporter));

        var shortPassword = NewUser("short@example.cn", "记者丁", NewsRoles.Reporter);
        shortPassword.Password = shortPassword.ConfirmPassword = "short1";
        var tooShort = await h.DeskAsync(d => d.CreateAsync(shortPassword, Root, Ct));
        var duplicate = await h.DeskAsync(d => d.CreateAsync(NewUser("JIZHE@example.cn", "记者戊", NewsRoles.Reporter), Root, Ct));

        Assert.Equal(SaveOutcome.Invalid, tooShort.Outcome);
        Assert.All(tooShort.Errors!.All, e => Assert.Equal("Password", e.Field));
        Assert.Equal(SaveOutcome.Invalid, duplicate.Outcome);
        Assert.Contains(duplicate.Errors!.All, e => e.Field == "Email");
        Assert.Null(await h.UserAsync("short@example.cn"));
        Assert.Equal(["user.create"], (await h.AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task A_role_change_is_saved_audited_and_ends_open_sessions()
    {
        await using var h = await AccountsHarness.CreateAsync();
        var id = await CreateAsync(h, NewUser("tongxunyuan@example.cn", "张晓燕", NewsRoles.Correspondent));
        var stamp = (await h.UserAsync("tongxunyuan@example.cn"))!.SecurityStamp;
        var input = await EditInputAsync(h, id, Root);
        input.Roles = [NewsRoles.Reporter, NewsRoles.Editor];
        input.DisplayName = "张晓燕（记者）";

        var result = await h.DeskAsync(d => d.UpdateAsync(id, input, Root, Ct));

        Assert.Equal((SaveOutcome.Saved, "账号已保存。"), (result.Outcome, result.Message));
        Assert.Equal([NewsRoles.Editor, NewsRoles.Reporter], await h.RolesAsync(id));
        var user = (await h.UserAsync("tongxunyuan@example.cn"))!;
        Assert.Equal("张晓燕（记者）", user.DisplayName);
        Assert.NotEqual(stamp, user.SecurityStamp);
        var entry = (await h.AuditAsync()).Last();
        Assert.Equal(("user.roles", id), (entry.Action, entry.EntityId));
        Assert.Equal("tongxunyuan@example.cn：姓名 张晓燕 → 张晓燕（记者）；角色 通讯员 → 编辑、记者", entry.Details);
    }

    [Fact]
    public async Task A_save_without_changes_writes_nothing_and_a_stale_form_is_a_conflict()
    {
        await using var h = await AccountsHarness.CreateAsync();
        var id = await CreateAsync(h, NewUser("jizhe@example.cn", "记者乙", NewsRoles.Reporter));
        var loaded = await EditInputAsync(h, id, Root);

        var unchanged = await h.DeskAsync(d => d.UpdateAsync(id, loaded, Root, Ct));
        // Someone changes the account (here: a lock) after the form was loaded.
        await h.DeskAsync(d => d.LockAsync(id, Root, Ct));
        loaded.Roles = [NewsRoles.Editor];
        var stale = await h.DeskAsync(d => d.UpdateAsync(id, loaded, Root, Ct));
        var missing = await h.DeskAsync(d => d.UpdateAsync("no-such-user", loaded, Root, Ct));

        Assert.Equal((SaveOutcome.Saved, "没有需要保存的修改。"), (unchanged.Outcome, unchanged.Message));
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.StartsWith("保存未成功：您编辑期间，这个账号已被修改", stale.Message, StringComparison.Ordinal);
        Assert.Equal(SaveOutcome.NotFound, missing.Outcome);
        Assert.Equal([NewsRoles.Reporter], await h.RolesAsync(id));
        Assert.Equal(["user.create", "user.lock"], (await h.AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task An_administrator_keeps_their_own_administrator_role_and_cannot_lock_themselves()
    {
        await using var h = await AccountsHarness.CreateAsync();
        var id = await CreateAsync(h, NewUser("guanli@example.cn", "管理员丙", NewsRoles.Admin));
        var self = new NewsroomUser(id, "管理员丙", new HashSet<string> { NewsRoles.Admin });
        var input = await EditInputAsync(h, id, self);
        input.Roles = [NewsRoles.Editor];

        var demote = await h.DeskAsync(d => d.UpdateAsync(id, input, self, Ct));
        var lockSelf = await h.DeskAsync(d => d.LockAsync(id, self, Ct));
        // Another administrator may do both.
        var demotedByOther = await h.DeskAsync(d => d.UpdateAsync(id, input, Root, Ct));

        var error = Assert.Single(demote.Errors!.All);
        Assert.Equal(("Roles", "不能取消自己的管理员角色，以免无人管理账号。请由另一位管理员操作。"), (error.Field, error.Message));
        Assert.Equal((SaveOutcome.Refused, "不能锁定自己的账号。"), (lockSelf.Outcome, lockSelf.Message));
        Assert.Equal(SaveOutcome.Saved, demotedByOther.Outcome);
        Assert.Equal([NewsRoles.Editor], await h.RolesAsync(id));
        Assert.True(await h.DeskAsync(async d => (await d.LoadAsync(id, self, Ct))!.Account.IsSelf));
    }

    [Fact]
    public async Task Lock_and_unlock_change_who_can_sign_in_and_are_audited()
    {
        await using var h = await AccountsHarness.CreateAsync();
        var id = await CreateAsync(h, NewUser("jizhe@example.cn", "记者乙", NewsRoles.Reporter));

        var locked = await h.DeskAsync(d => d.LockAsync(id, Root, Ct));
        var whileLocked = await h.DeskAsync(async d => (await d.LoadAsync(id, Root, Ct))!.Account);
        var unlocked = await h.DeskAsync(d => d.UnlockAsync(id, Root, Ct));
        var afterwards = await h.DeskAsync(async d => (await d.LoadAsync(id, Root, Ct))!.Account);

        Assert.Equal("已锁定 记者乙 的账号，其已登录的会话也将失效。", locked.Message);
        Assert.True(whileLocked.IsLockedOut);
        Assert.Equal(DateTimeOffset.MaxValue, whileLocked.LockoutEnd);
        Assert.Equal("已解锁 记者乙 的账号。", unlocked.Message);
        Assert.False(afterwards.IsLockedOut);
        Assert.Null(afterwards.LockoutEnd);
        Assert.Equal(["user.create", "user.lock", "user.unlock"], (await h.AuditAsync()).Select(e => e.Action));
        Assert.Equal(SaveOutcome.NotFound, (await h.DeskAsync(d => d.LockAsync("no-such-user", Root, Ct))).Outcome);
    }

    [Fact]
    public async Task A_password_reset_is_checked_before_anything_is_written()
    {
        await using var h = await AccountsHarness.CreateAsync();
        var id = await CreateAsync(h, NewUser("jizhe@example.cn", "记者乙", NewsRoles.Reporter));

        var empty = await h.DeskAsync(d => d.ResetPasswordAsync(id, new PasswordResetInput(), Root, Ct));
        var mismatch = await h.DeskAsync(d => d.ResetPasswordAsync(id, new PasswordResetInput { Password = "fresh-lantern-2026", ConfirmPassword = "fresh-lantern-2027" }, Root, Ct));
        var weak = await h.DeskAsync(d => d.ResetPasswordAsync(id, new PasswordResetInput { Password = "short1", ConfirmPassword = "short1" }, Root, Ct));
        var reset = await h.DeskAsync(d => d.ResetPasswordAsync(id, new PasswordResetInput { Password = "fresh-lantern-2026", ConfirmPassword = "fresh-lantern-2026" }, Root, Ct));

        Assert.Equal("请输入新密码。", Assert.Single(empty.Errors!.All).Message);
        Assert.Equal("两次输入的密码不一致，密码未修改。", Assert.Single(mismatch.Errors!.All).Message);
        Assert.StartsWith("密码未修改：", Assert.Single(weak.Errors!.All).Message, StringComparison.Ordinal);
        Assert.Equal(SaveOutcome.Saved, reset.Outcome);
        Assert.True(await h.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<NewsUser>>();
            var user = (await users.FindByIdAsync(id))!;
            return await users.CheckPasswordAsync(user, "fresh-lantern-2026") && !await users.CheckPasswordAsync(user, "xiaoyan2026pw");
        }));
        Assert.Equal(["user.create", "user.password-reset"], (await h.AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task The_list_shows_each_account_with_its_roles_in_role_order_and_its_lockout()
    {
        await using var h = await AccountsHarness.CreateAsync();
        var a = await CreateAsync(h, NewUser("b@example.cn", "乙", NewsRoles.Reporter, NewsRoles.Admin));
        var b = await CreateAsync(h, NewUser("a@example.cn", "甲", NewsRoles.Editor));
        await h.DeskAsync(d => d.LockAsync(b, Root, Ct));

        var rows = await h.DeskAsync(d => d.ListAsync(Ct));

        // By name as the database collates it (SQLite: by code point, 乙 U+4E59 before 甲 U+7532).
        Assert.Equal(["乙", "甲"], rows.Select(r => r.DisplayName));
        Assert.Equal([NewsRoles.Admin, NewsRoles.Reporter], rows.Single(r => r.Id == a).Roles);
        Assert.True(rows.Single(r => r.Id == b).IsLockedOut);
        Assert.False(rows.Single(r => r.Id == a).IsLockedOut);
    }
}
