using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

public sealed class UserManagementTests
{
    private static async Task<HttpResponseMessage> SignInAsync(PortalFactory factory, string email, string password) =>
        await AdminClient.PostFormAsync(AdminClient.Anonymous(factory), "/admin/account/login", "/admin/account/login",
            new() { ["Email"] = email, ["Password"] = password });

    [Theory]
    [InlineData(NewsRoles.Editor, "/admin/users")]
    [InlineData(NewsRoles.Editor, "/admin/users/create")]
    [InlineData(NewsRoles.Editor, "/admin/audit")]
    [InlineData(NewsRoles.Reporter, "/admin/users")]
    [InlineData(NewsRoles.Correspondent, "/admin/audit")]
    public async Task Account_management_and_the_audit_log_are_forbidden_to_non_administrators(string role, string url)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = await AdminClient.SignInAsync(factory, role);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_administrator_opens_an_account_with_a_typed_password_and_manages_it()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin, "管理员甲");
        var unit = await factory.QueryAsync(db => db.Units.Where(u => u.Slug == "zxyy").Select(u => u.Id).SingleAsync(Ct));

        var created = await AdminClient.PostPairsAsync(admin, "/admin/users/create", "/admin/users/create",
        [
            new("Email", "tongxunyuan@example.cn"), new("DisplayName", "张晓燕"), new("Roles", NewsRoles.Correspondent),
            new("UnitId", unit.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("ContributorId", ""),
            new("Password", "xiaoyan2026pw"), new("ConfirmPassword", "xiaoyan2026pw"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = created.Headers.Location!.OriginalString.Split('/')[3];
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(factory, "tongxunyuan@example.cn", "xiaoyan2026pw")).StatusCode);
        var (_, list) = await Html.GetAsync(admin, "/admin/users");
        Assert.Contains("张晓燕", list.Body.Text(), StringComparison.Ordinal);
        Assert.Contains("通讯员", list.Body.Text(), StringComparison.Ordinal);

        // Lock: the password no longer opens the account. Unlock: it does again.
        await AdminClient.PostFormAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/lock", new());
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(factory, "tongxunyuan@example.cn", "xiaoyan2026pw")).StatusCode);
        await AdminClient.PostFormAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/unlock", new());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(factory, "tongxunyuan@example.cn", "xiaoyan2026pw")).StatusCode);

        // A new password typed by the administrator replaces the old one.
        await AdminClient.PostFormAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/password",
            new() { ["password"] = "fresh-lantern-2026", ["confirmPassword"] = "fresh-lantern-2026" });
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(factory, "tongxunyuan@example.cn", "xiaoyan2026pw")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(factory, "tongxunyuan@example.cn", "fresh-lantern-2026")).StatusCode);

        // Roles change.
        var stamp = await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).SingleAsync(Ct));
        var edited = await AdminClient.PostPairsAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}",
        [
            new("Email", "tongxunyuan@example.cn"), new("DisplayName", "张晓燕"), new("Roles", NewsRoles.Reporter), new("Roles", NewsRoles.Editor),
            new("UnitId", ""), new("ContributorId", ""), new("ConcurrencyStamp", stamp!),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var roles = await factory.QueryAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).ToListAsync(Ct));
        Assert.Equal([NewsRoles.Editor, NewsRoles.Reporter], roles.Order(StringComparer.Ordinal));

        var actions = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "User" && e.EntityId == id && e.UserName == "管理员甲")
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["user.create", "user.lock", "user.unlock", "user.password-reset", "user.roles"], actions);
    }

    [Fact]
    public async Task Weak_or_mismatched_passwords_are_refused_in_Chinese_and_no_account_is_created()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin);
        var before = await factory.QueryAsync(db => db.Users.CountAsync(Ct));

        var weak = await AdminClient.PostPairsAsync(admin, "/admin/users/create", "/admin/users/create",
        [
            new("Email", "jizhe@example.cn"), new("DisplayName", "记者乙"), new("Roles", NewsRoles.Reporter),
            new("Password", "short"), new("ConfirmPassword", "short"),
        ]);
        var noRole = await AdminClient.PostPairsAsync(admin, "/admin/users/create", "/admin/users/create",
        [
            new("Email", "jizhe@example.cn"), new("DisplayName", "记者乙"),
            new("Password", "longenough2026"), new("ConfirmPassword", "different2026"),
        ]);

        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Matches("[\u4e00-\u9fff]", await ErrorsAsync(weak));
        var errors = await ErrorsAsync(noRole);
        Assert.Contains("请至少选择一个角色", errors, StringComparison.Ordinal);
        Assert.Contains("两次输入的密码不一致", errors, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Users.CountAsync(Ct)));
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role_or_lock_themselves()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (id, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Admin, "管理员丙");
        var admin = AdminClient.Anonymous(factory);
        await AdminClient.SignInAsAsync(factory, admin, email, password);
        var stamp = await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).SingleAsync(Ct));

        var demote = await AdminClient.PostPairsAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}",
            [new("Email", email), new("DisplayName", "管理员丙"), new("Roles", NewsRoles.Editor), new("ConcurrencyStamp", stamp!)]);
        var lockSelf = await AdminClient.PostFormAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/lock", new());

        Assert.Contains("不能取消自己的管理员角色", await ErrorsAsync(demote), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, lockSelf.StatusCode);
        Assert.Contains("不能锁定自己的账号", await FlashAsync(admin, $"/admin/users/{id}"), StringComparison.Ordinal);
        Assert.Null(await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).SingleAsync(Ct)));
    }
}
