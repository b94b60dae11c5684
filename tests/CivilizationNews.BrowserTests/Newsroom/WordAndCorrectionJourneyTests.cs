using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Tests.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkiaSharp;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// Issue 15 in a real browser: a correspondent on a phone turns a Word document with photos into a
/// submitted draft; an editor appends a correction to a published story and a reader on a phone sees it.
/// </summary>
public sealed class WordAndCorrectionJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task A_correspondent_on_a_phone_turns_a_Word_document_into_a_submitted_draft()
    {
        var account = await host.CreateNewsroomUserAsync(NewsRoles.Correspondent, "张晓燕");
        var unitId = await host.QueryAsync(db => db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        await host.QueryAsync(db => db.Users.Where(u => u.Email == account.Email).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnitId, unitId)));
        var document = new DocxBuilder()
            .Title("社区书房开进小巷")
            .Paragraph("通讯员 张晓燕")
            .Runs(("　　本报讯 ", false), ("书香进小巷。", true), ("近日，河东街道把书房开进了居民家门口。", false))
            .Image(TestImages.Encode(1200, 800, SKEncodedImageFormat.Jpeg), "image/jpeg", alt: "居民在社区书房阅读")
            .Paragraph("居民在社区书房阅读 通讯员 张晓燕 摄")
            .Heading("开放时间", 2)
            .Table(["日期", "时间"], ["周一至周五", "9:00—20:00"])
            .Image(TestImages.Encode(800, 600, SKEncodedImageFormat.Png), "image/png")
            .Caption("孩子们在书房里做手工（河东街道供图）")
            .Build();

        await using var session = await host.OpenAsync(Screen.Phone, "word-import-phone");
        var page = session.Page;
        await session.SignInAsync(account);
        await session.GotoAsync("/admin/articles");
        await session.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "从 Word 导入" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("从 Word 导入");
        Assert.False(await session.OverflowsSidewaysAsync(), "the upload form scrolls sideways on a phone");
        await page.GetByLabel("Word 文档").SetInputFilesAsync(new FilePayload
        {
            Name = "社区书房.docx", MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Buffer = document,
        });
        await session.ScreenshotAsync("upload");
        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "生成草稿" }));

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("编辑稿件");
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已从 Word 文档生成草稿");
        await Assertions.Expect(page.GetByLabel("标题")).ToHaveValueAsync("社区书房开进小巷");
        var body = await page.Locator("#Body").InputValueAsync();
        Assert.Contains("**书香进小巷。**近日", body, StringComparison.Ordinal);
        Assert.Contains("## 开放时间", body, StringComparison.Ordinal);
        Assert.Contains("| 周一至周五 | 9:00—20:00 |", body, StringComparison.Ordinal);
        Assert.Equal(2, (await page.Locator("#PhotoIds").InputValueAsync()).Split(',').Length);
        Assert.False(await session.OverflowsSidewaysAsync(), "the editor scrolls sideways on a phone");
        await session.ScreenshotAsync("draft");

        // The post comes back to the same editor address: wait for its message, not for a new URL.
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已提交审核");
        var status = await host.QueryAsync(db => db.Articles.Where(a => a.Title == "社区书房开进小巷").Select(a => a.Status).SingleAsync());
        Assert.Equal(ArticleStatus.Submitted, status);
        session.AssertClean();
    }

    [Fact]
    public async Task An_editor_corrects_a_published_story_and_a_reader_on_a_phone_sees_it()
    {
        var account = await host.CreateNewsroomUserAsync(NewsRoles.Editor, "赵静怡");
        var id = await host.QueryAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= DateTime.UtcNow)
            .OrderByDescending(a => a.PublishedAt).Select(a => a.Id).FirstAsync());

        await using (var session = await host.OpenAsync(Screen.Desktop, "correction-editor"))
        {
            var page = session.Page;
            await session.SignInAsync(account);
            await session.GotoAsync($"/admin/articles/{id}/edit");
            await page.GetByLabel("原文错误之处").FillAsync("原文称书房共有藏书300册");
            await page.GetByLabel("更正为").FillAsync("应为3000册");
            await session.ScreenshotAsync("correction-form");
            await page.GetByRole(AriaRole.Button, new() { Name = "保存并登记更正" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已登记更正");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "更正前后对比" })).ToBeVisibleAsync();
            session.AssertClean();
        }

        await using var reader = await host.OpenAsync(Screen.Phone, "correction-reader");
        await reader.GotoAsync($"/article/{id}");
        var box = reader.Page.Locator(".story-corrections");
        await Assertions.Expect(box.Locator("h2")).ToHaveTextAsync("更正");
        await Assertions.Expect(box.Locator(".correction")).ToContainTextAsync("应为3000册");
        Assert.False(await reader.OverflowsSidewaysAsync(), "the story page scrolls sideways on a phone");
        await box.ScrollIntoViewIfNeededAsync();
        await reader.ScreenshotAsync("story-with-correction", fullPage: false);
        await reader.FollowAsync(box.GetByRole(AriaRole.Link, new() { Name = "本报全部更正" }));
        await Assertions.Expect(reader.Page.Locator("h1")).ToHaveTextAsync("更正");
        await Assertions.Expect(reader.Page.Locator(".correction-item").First).ToContainTextAsync("应为3000册");
        Assert.False(await reader.OverflowsSidewaysAsync(), "/corrections scrolls sideways on a phone");
        await reader.ScreenshotAsync("corrections");
        reader.AssertClean();
    }
}
