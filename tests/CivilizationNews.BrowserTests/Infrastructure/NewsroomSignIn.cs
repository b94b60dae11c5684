using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>Signing a newsroom account in through the real form, as the journeys begin.</summary>
public static class NewsroomSignIn
{
    public static async Task SignInAsync(this ReaderSession session, (string Email, string Password) account)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.GotoAsync("/admin/account/login");
        await session.Page.GetByLabel("邮箱").FillAsync(account.Email);
        await session.Page.GetByLabel("密码").FillAsync(account.Password);
        await session.FollowAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }));
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync("工作台");
    }
}
