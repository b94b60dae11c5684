using CivilizationNews.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Core.Tests.Accounts;

public sealed class AccountActivityTests
{
    [Fact]
    public async Task Sign_in_lock_out_and_sign_out_are_recorded_with_who_and_where()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await AccountsHarness.CreateAsync();
        var created = await h.DeskAsync(d => d.CreateAsync(new NewUserInput
        {
            Email = "jizhe@example.cn", DisplayName = "记者乙", Roles = [NewsRoles.Reporter], Password = "xiaoyan2026pw", ConfirmPassword = "xiaoyan2026pw",
        }, new NewsroomUser("u-root", "管理员甲", new HashSet<string> { NewsRoles.Admin }), ct));
        var id = created.Id!;

        await h.InScopeAsync(async sp =>
        {
            var activity = sp.GetRequiredService<AccountActivity>();
            await activity.SignedInAsync("jizhe@example.cn", "10.0.0.7", ct);
            await activity.LockedOutAsync("someone@example.cn", "10.0.0.8", ct);
            await activity.SignedOutAsync(new NewsroomUser(id, "记者乙", new HashSet<string> { NewsRoles.Reporter }, IpAddress: "10.0.0.7"), ct);
            return 0;
        });

        var entries = (await h.AuditAsync()).Skip(1).Select(e => (e.Action, e.UserId, e.UserName, e.EntityId, e.Details, e.IpAddress)).ToList();
        Assert.Equal(
        [
            ("account.sign-in", id, "记者乙", id, null, "10.0.0.7"),
            ("account.locked-out", null, "someone@example.cn", null, "someone@example.cn", "10.0.0.8"),
            ("account.sign-out", id, "记者乙", id, null, "10.0.0.7"),
        ], entries);
    }
}
