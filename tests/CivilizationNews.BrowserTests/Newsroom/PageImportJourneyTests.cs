using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using CivilizationNews.Tests.Common;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// 导入版面 in a real browser: an editor pastes a print page, moves a paragraph to another story,
/// splits a story and merges the piece back, chooses to create a unit for a kicker, and creates all
/// drafts in one step. axe checks the upload and review screens; nothing may log a warning.
/// </summary>
public sealed class PageImportJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    private static readonly AxeRunOptions AxeOptions = new() { ResultTypes = [ResultType.Violations] };

    private static string Fixture(string name) => SharedFolder.PrintPage(name);

    private static async Task SignInAsync(ReaderSession session, (string Email, string Password) account)
    {
        await session.GotoAsync("/admin/account/login");
        await session.Page.GetByLabel("邮箱").FillAsync(account.Email);
        await session.Page.GetByLabel("密码").FillAsync(account.Password);
        await session.FollowAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }));
    }

    private static async Task AssertAxeCleanAsync(ReaderSession session, string what)
    {
        var result = await session.Page.RunAxe(AxeOptions);
        Assert.True(result.Violations.Length == 0, $"axe on {what}:\n" + string.Join('\n', result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join('\n', v.Nodes.Take(5).Select(n => $"    {n.Target} {n.Html}")))));
    }

    private static async Task RunAsync(IPage page, string selectId, string value)
    {
        await page.Locator("#" + selectId).SelectOptionAsync(value);
        await page.Locator($"button[data-select='{selectId}']").ClickAsync();
    }

    [Fact]
    public async Task Paste_reshape_and_create_the_drafts()
    {
        var editor = await host.CreateNewsroomUserAsync(NewsRoles.Editor, "夏明");
        await using var session = await host.OpenAsync(Screen.Desktop, "page-import");
        var page = session.Page;
        await SignInAsync(session, editor);

        await session.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "导入版面" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("导入版面");
        await AssertAxeCleanAsync(session, "the upload form");
        await page.GetByLabel("粘贴文字").FillAsync(await File.ReadAllTextAsync(Fixture("page-b.txt"), TestContext.Current.CancellationToken));
        await page.GetByLabel("出版日期").FillAsync("2021-12-12");
        await page.GetByLabel("版次").FillAsync("4");
        await page.GetByLabel("版名").FillAsync("社会");
        await page.GetByLabel("栏目").SelectOptionAsync(new SelectOptionValue { Label = "文明创建" });
        await page.GetByRole(AriaRole.Button, new() { Name = "分析版面" }).ClickAsync();

        // The answer replaces the page in place (the upload went through XMLHttpRequest with progress).
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("核对导入结果");
        await Assertions.Expect(page.Locator("article.import-story")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".import-lines li").First).ToBeVisibleAsync();
        await AssertAxeCleanAsync(session, "the review screen");
        await session.ScreenshotAsync("review");

        // A paragraph's "原文第 N 行" link marks those lines in the page text.
        await page.Locator("article.import-story").First.Locator(".import-source-link").First.ClickAsync();
        await Assertions.Expect(page.Locator(".import-lines li.is-hit").First).ToBeFocusedAsync();

        // Move the third story's first paragraph to the end of the second.
        await RunAsync(page, "op-2-0-0", "move:1");
        await Assertions.Expect(page.Locator("article.import-story").Nth(1).Locator(".import-para")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("article.import-story").Nth(1).Locator(".import-para").Last).ToContainTextAsync("为提高师生");

        // Split the first story at its second paragraph; the new story needs a headline.
        await RunAsync(page, "op-0-0-1", "split");
        await Assertions.Expect(page.Locator("article.import-story")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#title-1")).ToBeFocusedAsync();
        await page.Locator("#title-1").FillAsync("银发课堂走进社区");
        await Assertions.Expect(page.Locator("#story-h-1")).ToHaveTextAsync("银发课堂走进社区");

        // Merge it back: its headline becomes a subhead of the first story.
        await RunAsync(page, "merge-1", "merge:0");
        await Assertions.Expect(page.Locator("article.import-story")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#heading-0-1")).ToHaveValueAsync("银发课堂走进社区");
        await Assertions.Expect(page.Locator("#import-announce")).ToContainTextAsync("并入");

        // The 市人社局 kicker matches an existing unit; 盐湖区 gets a new one.
        await Assertions.Expect(page.Locator("#unit-1 option:checked")).ToContainTextAsync("运城市人力资源和社会保障局");
        await page.Locator("#unit-0").SelectOptionAsync("new");
        await AssertAxeCleanAsync(session, "the review screen after editing");
        await session.ScreenshotAsync("edited");

        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "全部创建为草稿" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("导入完成");
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已创建 3 篇草稿");
        await Assertions.Expect(page.Locator(".import-result-list li")).ToHaveCountAsync(3);
        await AssertAxeCleanAsync(session, "the result page");
        await session.ScreenshotAsync("created");

        var drafts = await host.QueryAsync(db => db.Articles
            .Where(a => a.EditionPage!.Edition!.Date == new DateOnly(2021, 12, 12) && a.EditionPage.Number == 4)
            .OrderBy(a => a.PageOrder)
            .Select(a => new { a.Title, a.Body, a.Status, Units = a.Units.Select(u => u.Unit!.Name).ToList() })
            .ToListAsync());
        Assert.Equal(3, drafts.Count);
        Assert.All(drafts, d => Assert.Equal(Core.Articles.ArticleStatus.Draft, d.Status));
        Assert.Contains("## 银发课堂走进社区", drafts[0].Body, StringComparison.Ordinal);
        Assert.Equal(["盐湖区"], drafts[0].Units);
        Assert.Contains("为提高师生", drafts[1].Body, StringComparison.Ordinal);
        Assert.Equal(["运城市人力资源和社会保障局"], drafts[1].Units);
        Assert.DoesNotContain("为提高师生", drafts[2].Body, StringComparison.Ordinal);
        session.AssertClean();
    }

    [Fact]
    public async Task Upload_a_file_on_a_phone_and_move_text_through_the_warnings()
    {
        var editor = await host.CreateNewsroomUserAsync(NewsRoles.Editor, "韩雪");
        await using var session = await host.OpenAsync(Screen.Phone, "page-import-phone");
        var page = session.Page;
        await SignInAsync(session, editor);
        await session.GotoAsync("/admin/import");
        await page.GetByLabel("或上传文件").SetInputFilesAsync(Fixture("page-a.txt"));
        await page.GetByLabel("出版日期").FillAsync("2021-12-13");
        await page.GetByLabel("版次").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "分析版面" }).ClickAsync();

        // The script sent the file and swapped the answer in, moving focus to the new heading.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("核对导入结果");
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();
        Assert.False(await session.OverflowsSidewaysAsync(), "the review screen scrolls sideways on a phone");
        await AssertAxeCleanAsync(session, "the review screen on a phone");
        // The importer's notes (a stitched jump, an attached continuation) are listed first.
        await Assertions.Expect(page.Locator(".import-warning-stitched")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".import-warning-attached")).ToHaveCountAsync(1);

        // A paragraph taken out of the last story waits as unattached text; creating would need a confirmation.
        var lastParagraph = page.Locator("article.import-story").Last.Locator(".import-para").Last;
        var moved = (await lastParagraph.Locator("p.import-para-text").TextContentAsync())!;
        await RunAsync(page, (await lastParagraph.Locator("select").GetAttributeAsync("id"))!, "unattach");
        var unattached = page.Locator(".import-warning-unattached");
        await Assertions.Expect(unattached).ToHaveCountAsync(1);
        await Assertions.Expect(unattached.Locator("p.pre")).ToHaveTextAsync(moved);
        await Assertions.Expect(page.Locator("#confirm-unattached-row")).ToBeVisibleAsync();

        // It goes to the end of the lead story instead.
        await RunAsync(page, (await unattached.Locator("select").GetAttributeAsync("id"))!, "add:0");
        await Assertions.Expect(unattached).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#confirm-unattached-row")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("article.import-story").First.Locator(".import-para").Last).ToContainTextAsync(moved);

        // A caption turned back into text and marked as a caption again keeps its credit.
        await page.Locator(".import-photo-list button").First.ClickAsync();
        await Assertions.Expect(page.Locator(".import-photo-list li")).ToHaveCountAsync(1);
        var restored = page.Locator(".import-warning-unattached").First;
        await RunAsync(page, (await restored.Locator("select").GetAttributeAsync("id"))!, "caption");
        await Assertions.Expect(page.Locator(".import-photo-list li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".import-photo-list li").Last).ToContainTextAsync("李文博 摄");
        Assert.False(await session.OverflowsSidewaysAsync(), "the edited review screen scrolls sideways on a phone");
        await session.ScreenshotAsync("settled");

        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "全部创建为草稿" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("导入完成");
        var lead = await host.QueryAsync(db => db.Articles
            .Where(a => a.EditionPage!.Edition!.Date == new DateOnly(2021, 12, 13) && a.EditionPage.Number == 5)
            .OrderBy(a => a.PageOrder).Select(a => a.Body).FirstAsync());
        Assert.EndsWith(moved, lead, StringComparison.Ordinal);
        session.AssertClean();
    }
}
