using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// Newsroom sessions (ASVS V3): what an administrator does to an account reaches its open sessions within a
/// minute, signing out ends copies of the cookie, sessions end after 30 idle minutes and 12 hours in all, and
/// the cookie carries the __Host- prefix on HTTPS. Time is the app's TimeProvider, moved by the test: nothing
/// waits for the clock.
/// </summary>
public sealed class SessionTests
{
    private static async Task<(PortalFactory Factory, FakeTimeProvider Clock)> StartAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = await PortalFactory.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        return (factory, clock);
    }

    private static async Task<HttpClient> SignedInAsync(PortalFactory factory, string email, string password)
    {
        var client = AdminClient.Anonymous(factory);
        var response = await AdminClient.SignInAsAsync(factory, client, email, password);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/admin/account/login", StringComparison.Ordinal)
            ? HttpStatusCode.Unauthorized
            : response.StatusCode;
    }

    [Fact]
    public async Task A_demoted_editor_is_refused_at_the_first_request_after_a_minute()
    {
        var (factory, clock) = await StartAsync();
        await using var _ = factory;
        var (id, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor, "编辑丁");
        var editor = await SignedInAsync(factory, email, password);
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(editor, "/admin/editions"));

        var stamp = await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).SingleAsync(Ct));
        var demoted = await AdminClient.PostPairsAsync(admin, $"/admin/users/{id}", $"/admin/users/{id}",
            [new("Email", email), new("DisplayName", "编辑丁"), new("Roles", NewsRoles.Reporter), new("ConcurrencyStamp", stamp!)]);
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(61));

        // The session ends; signed in again, the account has only the reporter's rights.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(editor, "/admin/editions"));
        var reporter = await SignedInAsync(factory, email, password);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(reporter, "/admin/editions"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(reporter, "/admin/articles"));
    }

    [Fact]
    public async Task Locking_or_setting_a_new_password_ends_open_sessions_within_a_minute()
    {
        var (factory, clock) = await StartAsync();
        await using var _ = factory;
        var (lockedId, lockedEmail, lockedPassword) = await AdminClient.CreateUserAsync(factory, NewsRoles.Reporter);
        var (resetId, resetEmail, resetPassword) = await AdminClient.CreateUserAsync(factory, NewsRoles.Reporter);
        var locked = await SignedInAsync(factory, lockedEmail, lockedPassword);
        var reset = await SignedInAsync(factory, resetEmail, resetPassword);
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin);

        await AdminClient.PostFormAsync(admin, $"/admin/users/{lockedId}", $"/admin/users/{lockedId}/lock", new());
        var newPassword = AdminClient.NewPassword();
        await AdminClient.PostFormAsync(admin, $"/admin/users/{resetId}", $"/admin/users/{resetId}/password",
            new() { ["password"] = newPassword, ["confirmPassword"] = newPassword });
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(locked, "/admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(reset, "/admin"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, "/admin"));
    }

    [Fact]
    public async Task Signing_out_renews_the_stamp_so_a_copy_of_the_cookie_stops_working()
    {
        var (factory, clock) = await StartAsync();
        await using var _ = factory;
        var (_, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        var client = AdminClient.Anonymous(factory);
        var signIn = await AdminClient.SignInAsAsync(factory, client, email, password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-cn.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(copy, "/admin"));

        await AdminClient.PostFormAsync(client, "/admin", "/admin/account/logout", new());
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(copy, "/admin"));
    }

    [Fact]
    public async Task A_session_ends_after_30_idle_minutes_and_any_session_after_12_hours()
    {
        var (factory, clock) = await StartAsync();
        await using var _ = factory;
        var (_, idleEmail, idlePassword) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        var (_, busyEmail, busyPassword) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        var idle = await SignedInAsync(factory, idleEmail, idlePassword);

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(idle, "/admin"));
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(idle, "/admin"));
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(idle, "/admin"));

        // A request every 20 minutes keeps a session alive — until 12 hours after the password was typed.
        var busy = await SignedInAsync(factory, busyEmail, busyPassword);
        for (var i = 0; i < 36; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(busy, "/admin"));
            clock.Advance(TimeSpan.FromMinutes(20));
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(busy, "/admin"));
    }

    [Theory]
    [InlineData("https://evil.example/admin")]
    [InlineData("//evil.example/admin")]
    [InlineData("/\\evil.example/admin")]
    [InlineData("/section/local")]
    public async Task Sign_in_follows_only_a_return_address_inside_the_admin(string returnUrl)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (_, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        var client = AdminClient.Anonymous(factory);

        var response = await AdminClient.PostFormAsync(client, "/admin/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl), "/admin/account/login",
            new() { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl });

        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        var kept = await AdminClient.PostFormAsync(AdminClient.Anonymous(factory), "/admin/account/login", "/admin/account/login",
            new() { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/admin/media" });
        Assert.Equal("/admin/media", kept.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_session_cookie_has_the_host_prefix_on_https()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (_, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Reporter);

        var signIn = await AdminClient.SignInAsAsync(factory, AdminClient.Anonymous(factory), email, password);

        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.Contains("cn.auth=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-cn.auth=", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
