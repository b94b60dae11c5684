using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// Sign-in and account security (ASVS V2): one answer and one password hash for every refused sign-in,
/// the change-password page and the change forced after an administrator set the password, the password
/// policy, two-factor sign-in with an authenticator app, and the first-administrator link under a race.
/// </summary>
public sealed partial class AccountSecurityTests
{
    /// <summary>The app's own hasher, counting the password checks a sign-in makes.</summary>
    private sealed class CountingHasher : PasswordHasher<NewsUser>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public override PasswordVerificationResult VerifyHashedPassword(NewsUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        AdminClient.PostFormAsync(client, "/admin/account/login", "/admin/account/login", new() { ["Email"] = email, ["Password"] = password });

    [Fact]
    public async Task Every_refused_sign_in_reads_the_same_and_checks_one_password()
    {
        var hasher = new CountingHasher();
        await using var factory = await PortalFactory.CreateAsync(services: s => s.AddSingleton<IPasswordHasher<NewsUser>>(hasher));
        var (_, email, _) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        var (lockedId, lockedEmail, lockedPassword) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsUser>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByIdAsync(lockedId))!, DateTimeOffset.UtcNow.AddMinutes(15))).Succeeded);
        }
        var client = AdminClient.Anonymous(factory);

        async Task<(string Errors, int Checks)> RefusedAsync(string login, string password)
        {
            var before = hasher.Verifications;
            var response = await LoginAsync(client, login, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await ErrorsAsync(response), hasher.Verifications - before);
        }
        var wrongPassword = await RefusedAsync(email, "not-the-password-2026");
        var unknown = await RefusedAsync("nobody-" + Guid.NewGuid().ToString("N") + "@example.cn", "not-the-password-2026");
        var lockedOut = await RefusedAsync(lockedEmail, lockedPassword);

        Assert.Equal(CivilizationNews.Web.Areas.Admin.Controllers.AccountController.SignInRefused, wrongPassword.Errors);
        Assert.Equal(wrongPassword.Errors, unknown.Errors);
        Assert.Equal(wrongPassword.Errors, lockedOut.Errors);
        Assert.Equal(1, wrongPassword.Checks);
        Assert.Equal(1, unknown.Checks);
        Assert.Equal(1, lockedOut.Checks);
    }

    [Fact]
    public async Task A_password_an_administrator_set_must_be_replaced_before_anything_else()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin);
        var initial = AdminClient.NewPassword();
        var created = await AdminClient.PostPairsAsync(admin, "/admin/users/create", "/admin/users/create",
        [
            new("Email", "jizhe-new@example.cn"), new("DisplayName", "记者戊"), new("Roles", NewsRoles.Reporter),
            new("Password", initial), new("ConfirmPassword", initial),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var reporter = AdminClient.Anonymous(factory);
        Assert.Equal("/admin", (await LoginAsync(reporter, "jizhe-new@example.cn", initial)).Headers.Location?.OriginalString);

        // Nothing but the password page (and signing out) until the password is the user's own.
        foreach (var url in new[] { "/admin", "/admin/articles", "/admin/media" })
        {
            using var response = await reporter.GetAsync(new Uri(url, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/me/password", response.Headers.Location?.OriginalString);
        }
        var (page, doc) = await Html.GetAsync(reporter, "/admin/me/password");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("请先改为只有您自己知道的密码", doc.Body.Text(), StringComparison.Ordinal);

        async Task<HttpResponseMessage> ChangeAsync(string current, string next, string? confirm = null) =>
            await AdminClient.PostFormAsync(reporter, "/admin/me/password", "/admin/me/password",
                new() { ["CurrentPassword"] = current, ["NewPassword"] = next, ["ConfirmPassword"] = confirm ?? next });
        Assert.Contains("当前密码不正确", await ErrorsAsync(await ChangeAsync("wrong-current-password", "lantern river morning")), StringComparison.Ordinal);
        Assert.Contains("太常见", await ErrorsAsync(await ChangeAsync(initial, "qwerty123456")), StringComparison.Ordinal);
        Assert.Contains("太常见", await ErrorsAsync(await ChangeAsync(initial, "Baseball2026!")), StringComparison.Ordinal);
        Assert.Contains("至少需要12位", await ErrorsAsync(await ChangeAsync(initial, "short-pass1")), StringComparison.Ordinal);
        Assert.Contains("不一致", await ErrorsAsync(await ChangeAsync(initial, "lantern river morning", "lantern river evening")), StringComparison.Ordinal);

        // No composition rules: twelve lower-case letters and spaces are fine.
        var changed = await ChangeAsync(initial, "lantern river morning");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync(new Uri("/admin/articles", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(AdminClient.Anonymous(factory), "jizhe-new@example.cn", initial)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(AdminClient.Anonymous(factory), "jizhe-new@example.cn", "lantern river morning")).StatusCode);
        Assert.Contains("account.password-change", await factory.QueryAsync(db => db.AuditEntries.Select(e => e.Action).ToListAsync(Ct)));

        // A reset by an administrator makes the change due again.
        var id = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "jizhe-new@example.cn").Select(u => u.Id).SingleAsync(Ct));
        var reset = AdminClient.NewPassword();
        await AdminClient.PostFormAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/password", new() { ["password"] = reset, ["confirmPassword"] = reset });
        var again = AdminClient.Anonymous(factory);
        await LoginAsync(again, "jizhe-new@example.cn", reset);
        using var dashboard = await again.GetAsync(new Uri("/admin", UriKind.Relative), Ct);
        Assert.Equal("/admin/me/password", dashboard.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Two_factor_sign_in_enrols_with_the_key_then_asks_for_a_code_each_used_once()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (_, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Reporter);
        var client = AdminClient.Anonymous(factory);
        await AdminClient.SignInAsAsync(factory, client, email, password);

        var (_, before) = await Html.GetAsync(client, "/admin/me/two-factor");
        Assert.Null(before.QuerySelector("img.totp-qr"));
        await AdminClient.PostFormAsync(client, "/admin/me/two-factor", "/admin/me/two-factor/key", new());
        var (_, enrol) = await Html.GetAsync(client, "/admin/me/two-factor");
        Assert.StartsWith("data:image/svg+xml;base64,", enrol.QuerySelector("img.totp-qr")!.GetAttribute("src"), StringComparison.Ordinal);
        var key = enrol.QuerySelector("#authenticator-key")!.Text().Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Equal(await AdminClient.AuthenticatorKeyAsync(factory, email), key, ignoreCase: true);

        var wrong = await AdminClient.PostFormAsync(client, "/admin/me/two-factor", "/admin/me/two-factor/enable", new() { ["code"] = Totp.Code(key, Totp.CurrentStep() + 100) });
        Assert.Contains("验证码不正确", await FlashAsync(client, "/admin/me/two-factor"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        await AdminClient.PostFormAsync(client, "/admin/me/two-factor", "/admin/me/two-factor/enable", new() { ["code"] = Totp.NextCode(key) });
        var (_, enabled) = await Html.GetAsync(client, "/admin/me/two-factor");
        var recoveryCodes = enabled.QuerySelectorAll(".recovery-codes code").Select(c => c.Text()).ToList();
        Assert.Equal(AccountSecurity.RecoveryCodeCount, recoveryCodes.Count);
        Assert.Contains("已开启", enabled.Body.Text(), StringComparison.Ordinal);

        // Signing in now takes the password, then the app's code.
        await AdminClient.PostFormAsync(client, "/admin", "/admin/account/logout", new());
        var second = AdminClient.Anonymous(factory);
        var afterPassword = await LoginAsync(second, email, password);
        Assert.StartsWith("/admin/account/TwoFactor", afterPassword.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync(new Uri("/admin", UriKind.Relative), Ct)).StatusCode);
        var refused = await AdminClient.PostFormAsync(second, "/admin/account/twofactor", "/admin/account/twofactor", new() { ["Code"] = "12345" });
        Assert.Contains("验证码不正确", await ErrorsAsync(refused), StringComparison.Ordinal);
        var code = Totp.NextCode(key);
        var accepted = await AdminClient.PostFormAsync(second, "/admin/account/twofactor", "/admin/account/twofactor", new() { ["Code"] = code });
        Assert.Equal("/admin", accepted.Headers.Location?.OriginalString);

        // The same code a second time (someone who watched it typed) is refused.
        var third = AdminClient.Anonymous(factory);
        await LoginAsync(third, email, password);
        var replay = await AdminClient.PostFormAsync(third, "/admin/account/twofactor", "/admin/account/twofactor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        // A recovery code works once instead of the app's code.
        var recovered = await AdminClient.PostFormAsync(third, "/admin/account/twofactor", "/admin/account/twofactor", new() { ["Code"] = recoveryCodes[0] });
        Assert.Equal("/admin", recovered.Headers.Location?.OriginalString);
        var fourth = AdminClient.Anonymous(factory);
        await LoginAsync(fourth, email, password);
        Assert.Equal(HttpStatusCode.OK, (await AdminClient.PostFormAsync(fourth, "/admin/account/twofactor", "/admin/account/twofactor", new() { ["Code"] = recoveryCodes[0] })).StatusCode);

        // Optional for a reporter: they may turn it off again, with their password.
        await AdminClient.PostFormAsync(third, "/admin/me/two-factor", "/admin/me/two-factor/disable", new() { ["password"] = password });
        Assert.False(await factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync(Ct)));
        var actions = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("account.2fa")).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["account.2fa-enable", "account.2fa-disable"], actions);
    }

    [Fact]
    public async Task An_administrator_must_enrol_before_anything_else_and_cannot_turn_two_factor_off()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (id, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Admin);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsUser>>();
            Assert.True((await users.SetTwoFactorEnabledAsync((await users.FindByIdAsync(id))!, false)).Succeeded);
        }
        var admin = AdminClient.Anonymous(factory);
        Assert.Equal("/admin", (await LoginAsync(admin, email, password)).Headers.Location?.OriginalString);

        using var users1 = await admin.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        Assert.Equal("/admin/me/two-factor", users1.Headers.Location?.OriginalString);
        var (_, page) = await Html.GetAsync(admin, "/admin/me/two-factor");
        Assert.Contains("管理员必须开启两步验证", page.Body.Text(), StringComparison.Ordinal);

        await AdminClient.PostFormAsync(admin, "/admin/me/two-factor", "/admin/me/two-factor/key", new());
        var key = await AdminClient.AuthenticatorKeyAsync(factory, email);
        await AdminClient.PostFormAsync(admin, "/admin/me/two-factor", "/admin/me/two-factor/enable", new() { ["code"] = Totp.NextCode(key) });
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct)).StatusCode);

        await AdminClient.PostFormAsync(admin, "/admin/me/two-factor", "/admin/me/two-factor/disable", new() { ["password"] = password });
        Assert.Contains("管理员必须使用两步验证", await FlashAsync(admin, "/admin/me/two-factor"), StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync(Ct)));
    }

    [Fact]
    public async Task An_administrator_turns_off_the_two_factor_sign_in_of_a_colleague_who_lost_their_phone()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (id, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        string oldKey;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsUser>>();
            var user = (await users.FindByIdAsync(id))!;
            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
            oldKey = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin);
        var (_, page) = await Html.GetAsync(admin, $"/admin/users/{id}");
        Assert.NotNull(page.QuerySelector($"form[action='/admin/users/{id}/two-factor-reset']"));

        var reset = await AdminClient.PostFormAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/two-factor-reset", new());
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("已关闭", await FlashAsync(admin, $"/admin/users/{id}"), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync(Ct)));
        // The key on the lost phone is worthless now.
        Assert.NotEqual(oldKey, await AdminClient.AuthenticatorKeyAsync(factory, email));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "user.2fa-reset" && e.EntityId == id, Ct)));
        // The colleague signs in with the password alone, and may enrol again.
        Assert.Equal("/admin", (await LoginAsync(AdminClient.Anonymous(factory), email, password)).Headers.Location?.OriginalString);

        // Not one's own, and not twice.
        var again = await AdminClient.PostFormAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}/two-factor-reset", new());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("没有开启两步验证", await FlashAsync(admin, $"/admin/users/{id}"), StringComparison.Ordinal);
    }

    /// <summary>Holds the first commands that read the setup token until both posts have read it: the race, every time.</summary>
    private sealed class TokenReadBarrier : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived = -1;

        public void Arm() => Volatile.Write(ref _arrived, 0);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _arrived) >= 0 && SetupTokenRead().IsMatch(command.CommandText) && Interlocked.Increment(ref _arrived) <= 2)
            {
                if (Volatile.Read(ref _arrived) == 2)
                {
                    _both.TrySetResult();
                }
                // Both posts arrive within moments of each other; the bound only keeps a broken test from hanging.
                await _both.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            return result;
        }
    }

    [GeneratedRegex("FROM \"SetupTokens\"", RegexOptions.CultureInvariant)]
    private static partial Regex SetupTokenRead();

    [Fact]
    public async Task Two_simultaneous_posts_of_the_setup_link_create_one_administrator()
    {
        var barrier = new TokenReadBarrier();
        await using var factory = await PortalFactory.CreateAsync(services: s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(barrier));
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().IssueSetupTokenIfNoUsersAsync(null))!;
        }
        var url = $"/admin/setup?token={token}";
        var first = AdminClient.Anonymous(factory);
        var second = AdminClient.Anonymous(factory);
        var firstToken = await AdminClient.TokenAsync(first, url);
        var secondToken = await AdminClient.TokenAsync(second, url);
        barrier.Arm();

        Task<HttpResponseMessage> Post(HttpClient client, string antiforgery, string email)
        {
            var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Token"] = token, ["Email"] = email, ["DisplayName"] = "总编辑", ["Password"] = "river lantern 2026", ["ConfirmPassword"] = "river lantern 2026",
                ["__RequestVerificationToken"] = antiforgery,
            });
            return client.PostAsync(new Uri("/admin/setup", UriKind.Relative), content, Ct);
        }
        var answers = await Task.WhenAll(Post(first, firstToken, "chief-a@example.cn"), Post(second, secondToken, "chief-b@example.cn"));

        Assert.Equal(1, await factory.QueryAsync(db => db.Users.CountAsync(Ct)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Contains("设置链接无效或已过期", await ErrorsAsync(refused), StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "user.setup-admin", Ct)));
    }
}
