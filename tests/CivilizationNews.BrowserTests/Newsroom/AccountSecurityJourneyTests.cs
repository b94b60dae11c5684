using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Tests.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// A newsroom member's own account in a real browser: replacing a password an administrator set,
/// enrolling in two-factor sign-in with the key the page shows and signing in with a code computed from
/// it (RFC 6238, as an authenticator app does), and signing out clearing the editor's local draft copies.
/// </summary>
public sealed class AccountSecurityJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    private static async Task EnterPasswordAsync(ReaderSession session, string email, string password)
    {
        await session.GotoAsync("/admin/account/login");
        await session.Page.GetByLabel("邮箱").FillAsync(email);
        await session.Page.GetByLabel("密码").FillAsync(password);
        await session.FollowAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }));
    }

    private static async Task SignOutAsync(ReaderSession session)
    {
        await session.FollowAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = "退出" }));
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync("登录采编后台");
    }

    [Fact]
    public async Task A_password_an_administrator_set_is_replaced_at_first_sign_in()
    {
        var (email, initial) = await host.CreateNewsroomUserAsync(NewsRoles.Reporter, "周晓岚");
        await host.QueryAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true)));
        const string own = "morning tea by the fen river";

        await using var session = await host.OpenAsync(Screen.Desktop, "change-password");
        var page = session.Page;
        await EnterPasswordAsync(session, email, initial);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("修改密码");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("请先改为只有您自己知道的密码");
        // Anything else leads back here until the password is changed.
        await session.GotoAsync("/admin/articles");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("修改密码");

        await page.GetByLabel("当前密码").FillAsync(initial);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("qwerty123456");
        await page.GetByLabel("再次输入新密码").FillAsync("qwerty123456");
        // Refused: the same page comes back with the reason.
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-errors")).ToContainTextAsync("太常见");
        await session.WaitForCompleteAsync();

        await page.GetByLabel("当前密码").FillAsync(initial);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(own);
        await page.GetByLabel("再次输入新密码").FillAsync(own);
        await session.ScreenshotAsync("new-password");
        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }));
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("密码已修改");
        await session.GotoAsync("/admin");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("工作台");

        await SignOutAsync(session);
        await EnterPasswordAsync(session, email, own);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        session.AssertClean();
    }

    [Fact]
    public async Task An_administrator_enrols_in_two_factor_sign_in_and_signs_in_with_a_code()
    {
        var (email, password) = await host.CreateNewsroomUserAsync(NewsRoles.Admin, "孟总编");

        await using var session = await host.OpenAsync(Screen.Desktop, "two-factor");
        var page = session.Page;
        await EnterPasswordAsync(session, email, password);
        // An administrator without two-factor sign-in is sent to set it up before anything else.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("两步验证");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("管理员必须开启两步验证");
        // Each step posts and comes back to this page.
        await page.GetByRole(AriaRole.Button, new() { Name = "开始设置" }).ClickAsync();
        await session.WaitForImageAsync(page.Locator("img.totp-qr"));
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        await session.ScreenshotAsync("enrol");

        await page.GetByLabel("验证码").FillAsync(Totp.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "验证并开启" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("两步验证已开启");
        await session.WaitForCompleteAsync();
        await Assertions.Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(AccountSecurity.RecoveryCodeCount);
        await session.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "继续使用采编后台" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("工作台");

        await SignOutAsync(session);
        await EnterPasswordAsync(session, email, password);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("两步验证");
        await page.GetByLabel("验证码").FillAsync(Totp.NextCode(key));
        await session.ScreenshotAsync("code");
        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "验证并登录" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        await session.GotoAsync("/admin/users");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("账号");
        session.AssertClean();
    }

    [Fact]
    public async Task Signing_out_clears_the_local_copies_of_drafts()
    {
        var (email, password) = await host.CreateNewsroomUserAsync(NewsRoles.Reporter, "钱立新");

        await using var session = await host.OpenAsync(Screen.Desktop, "sign-out-drafts");
        var page = session.Page;
        await EnterPasswordAsync(session, email, password);
        await session.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "写稿" }).First);
        await page.Locator("#Title").FillAsync("尚未保存的稿件");
        // The Markdown source mode: the textarea that the WYSIWYG view (the default) writes.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Markdown 源码" }).ClickAsync();
        await page.Locator("#Body").FillAsync("这段文字只在本浏览器里有副本。");
        Assert.Contains("cn-draft:new", await DraftKeysAsync(page));
        await page.EvaluateAsync("() => localStorage.setItem('cn-large-text', '1')");

        // Unsaved changes: the editor asks first; the person confirms.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await SignOutAsync(session);

        Assert.Empty(await DraftKeysAsync(page));
        Assert.Equal("1", await page.EvaluateAsync<string>("() => localStorage.getItem('cn-large-text')"));
        session.AssertClean();
    }

    private static async Task<string[]> DraftKeysAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(k => k.startsWith('cn-draft:'))");
}
