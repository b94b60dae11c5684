using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Precheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// The story editor's 署名 rows and 发布前检查 in a real browser, on a phone and a laptop: rows added and
/// removed, a contributor found by typing part of the name and chosen with the keyboard, a new name created on
/// save; the check's error shown highlighted, refusing the submit, then the unsaved form checked again.
/// </summary>
public sealed class PrecheckJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    private const string Word = "小道消息";

    private static async Task SignInAsync(ReaderSession session, (string Email, string Password) account)
    {
        await session.GotoAsync("/admin/account/login");
        await session.Page.GetByLabel("邮箱").FillAsync(account.Email);
        await session.Page.GetByLabel("密码").FillAsync(account.Password);
        await session.FollowAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }));
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync("工作台");
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task An_editor_adds_credit_rows_finds_and_creates_contributors_and_the_check_refuses_the_submit(string screenName)
    {
        var screen = screenName == "phone" ? Screen.Phone : Screen.Desktop;
        await host.QueryAsync(async db =>
        {
            if (!await db.SensitiveWords.AnyAsync(w => w.Word == Word))
            {
                db.SensitiveWords.Add(new SensitiveWord { Word = Word, Level = SensitiveWordLevel.Error, Note = "未经核实，不得见报", CreatedAt = DateTime.UtcNow, CreatedBy = "管理员" });
                await db.SaveChangesAsync();
            }
            return 0;
        });
        // A contributor of the demo paper, looked up by the first two characters of the name.
        var known = await host.QueryAsync(db => db.Contributors.Where(c => c.Name.Length >= 3).OrderBy(c => c.Id).Select(c => c.Name).FirstAsync());
        var newName = screenName == "phone" ? "新通讯员甲" : "新通讯员乙";
        var title = $"社区{Word}引热议（{screenName}）";
        var editor = await host.CreateNewsroomUserAsync(NewsRoles.Editor, screenName == "phone" ? "孙明阳" : "周立新");

        await using var s = await host.OpenAsync(screen, "precheck-journey");
        var page = s.Page;
        await SignInAsync(s, editor);
        await s.GotoAsync("/admin/articles/create");
        await page.Locator("#Title").FillAsync(title);
        await page.Locator("#SectionId").SelectOptionAsync(new SelectOptionValue { Label = "文明创建" });

        var rows = page.Locator("#credit-rows .credit-row");
        var before = await rows.CountAsync();
        // Find a known contributor by part of the name, choose with ↓ and Enter.
        var first = page.Locator("#CreditNames_0");
        await first.FillAsync("");
        await first.PressSequentiallyAsync(known[..2]);
        var option = page.GetByRole(AriaRole.Option).Filter(new() { HasText = known });
        await Assertions.Expect(option.First).ToBeVisibleAsync();
        await first.PressAsync("ArrowDown");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-activedescendant", new System.Text.RegularExpressions.Regex("credit-options"));
        await first.PressAsync("Enter");
        await Assertions.Expect(first).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(known[..2])));
        await Assertions.Expect(page.Locator("#credit-rows .credit-row").First.Locator(".credit-id")).Not.ToHaveValueAsync("");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-expanded", "false");

        // Add a row for a name nobody has: the list offers to create it on save.
        await page.GetByRole(AriaRole.Button, new() { Name = "添加署名" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        var added = page.Locator($"#CreditNames_{before}");
        await Assertions.Expect(added).ToBeFocusedAsync();
        await page.Locator($"#CreditRoles_{before}").SelectOptionAsync(new SelectOptionValue { Label = "通讯员" });
        await added.PressSequentiallyAsync(newName);
        await Assertions.Expect(page.GetByRole(AriaRole.Option).Filter(new() { HasText = $"新建作者“{newName}”" })).ToBeVisibleAsync();
        await added.PressAsync("Escape");

        // Add one more and take it away again.
        await page.GetByRole(AriaRole.Button, new() { Name = "添加署名" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before + 2);
        await page.GetByRole(AriaRole.Button, new() { Name = $"删除第{before + 2}位署名" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        Assert.False(await s.OverflowsSidewaysAsync(), "the byline rows make the page scroll sideways");
        await page.Locator("#credits").ScrollIntoViewIfNeededAsync();
        await s.ScreenshotAsync("credit-rows", fullPage: false);

        await s.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync($"已在作者库中新建作者：{newName}");
        // Saved rows come back in order, the empty ones dropped: the chosen contributor, then the new one.
        await Assertions.Expect(page.Locator("#CreditNames_1")).ToHaveValueAsync(newName);

        // The saved story fails the check: the word is marked in its context, and submitting is refused.
        var panel = page.Locator("#precheck-box");
        await Assertions.Expect(panel.Locator(".precheck-error mark")).ToHaveTextAsync(Word);
        await Assertions.Expect(panel.Locator(".precheck-warning").Filter(new() { HasText = "摘要为空" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#precheck-blocked")).ToBeVisibleAsync();
        await panel.ScrollIntoViewIfNeededAsync();
        await s.ScreenshotAsync("precheck-error", fullPage: false);
        // The step posts and comes back to the same editor page: the flash message tells what happened.
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash-error")).ToContainTextAsync("发布前检查未通过");

        // Fix the headline and check the unsaved form before saving: no errors left, the warning remains.
        await page.Locator("#Title").FillAsync($"社区服务点引热议（{screenName}）");
        await page.GetByRole(AriaRole.Button, new() { Name = "按当前输入检查" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".precheck-summary")).ToContainTextAsync("当前输入（未保存）：0 项错误");
        await Assertions.Expect(panel.Locator(".precheck-error")).ToHaveCountAsync(0);
        await s.ScreenshotAsync("precheck-unsaved", fullPage: false);
        s.AssertClean();
    }
}
