using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Editions;
using CivilizationNews.Tests.Common;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// 上传版面 in a real browser: an editor uploads two page PDFs (one with the page image the layout system
/// exported), watches them being processed, reviews a page on its image — moves a region by dragging it,
/// gives a region to another story with the buttons — and creates the drafts; the page's regions are the
/// ones the editor left. axe checks the upload list and the review; nothing may log a warning.
/// </summary>
public sealed class PageUploadJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    private static readonly AxeRunOptions AxeOptions = new() { ResultTypes = [ResultType.Violations] };

    public static TheoryData<string> Screens => ["phone", "desktop"];

    private static string Fixture(string name) => Path.Combine(SharedFolder.Path(), "fixtures", "print-pdfs", name);

    private static async Task AssertAxeCleanAsync(ReaderSession session, string what)
    {
        var result = await session.Page.RunAxe(AxeOptions);
        Assert.True(result.Violations.Length == 0, $"axe on {what}:\n" + string.Join('\n', result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join('\n', v.Nodes.Take(5).Select(n => $"    {n.Target} {n.Html}")))));
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Upload_the_pages_review_one_on_its_image_and_create_it(string screen)
    {
        var phone = screen == "phone";
        var date = phone ? new DateOnly(2021, 12, 14) : new DateOnly(2021, 12, 15);
        var editor = await host.CreateNewsroomUserAsync(NewsRoles.Editor, phone ? "贾琳" : "杜鹏");
        await using var session = await host.OpenAsync(phone ? Screen.Phone : Screen.Desktop, "page-upload");
        var page = session.Page;
        await session.GotoAsync("/admin/account/login");
        await page.GetByLabel("邮箱").FillAsync(editor.Email);
        await page.GetByLabel("密码").FillAsync(editor.Password);
        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "登录" }));

        await session.GotoAsync("/admin/pages");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("上传版面");
        await page.GetByLabel("出版日期").FillAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("版面文件").SetInputFilesAsync([Fixture("page-a.pdf"), Fixture("page-b.pdf"), Fixture("page-b.png")]);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();

        // The list follows the processing and offers the review once each page is read and drawn.
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已上传 2 个版面");
        var keys = await host.QueryAsync(db => db.PageFacsimiles.Where(f => f.EditionDate == date).OrderBy(f => f.FileName)
            .Select(f => f.UploadKey).ToListAsync());
        Assert.Equal(2, keys.Count);
        foreach (var k in keys)
        {
            await Assertions.Expect(page.Locator($"a.button[href='/admin/pages/{k:D}']")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        }
        await AssertAxeCleanAsync(session, "the upload list");
        await session.ScreenshotAsync("uploaded");

        var key = keys[1];
        await session.FollowAsync(page.Locator($"a.button[href='/admin/pages/{key:D}']"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("核对导入结果");
        await session.WaitForImageAsync(page.Locator(".import-page img"));
        await Assertions.Expect(page.Locator("#region-tools")).ToBeVisibleAsync();
        await AssertAxeCleanAsync(session, "the review on the page image");
        await session.ScreenshotAsync("review");

        // Drag the first story's first region by 40 px (a mouse on a desktop, a finger's pointer on a phone).
        var region = page.Locator("svg.import-regions g.import-region[data-i='0'][data-j='0'] rect").First;
        var before = (await region.BoundingBoxAsync())!;
        await region.HoverAsync();
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(before.X + before.Width / 2 + 40, before.Y + before.Height / 2 + 40, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("#import-announce")).ToContainTextAsync("已移动区域");
        var moved = (await page.Locator("svg.import-regions g.import-region[data-i='0'][data-j='0'] rect").First.BoundingBoxAsync())!;
        Assert.True(moved.X > before.X + 20 && moved.Y > before.Y + 20, $"the region moved from {before.X},{before.Y} to {moved.X},{moved.Y}");

        // Give the selected region to the third story with the buttons (the keyboard path).
        await page.Locator("#region-story").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "把所选区域归入该稿件" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-announce")).ToContainTextAsync("已把区域归入第 3 篇");
        var proposal = await page.Locator("input[name='Proposal']").InputValueAsync();
        await session.ScreenshotAsync("regions-edited");

        var invalid = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('form#import-review :invalid')].map(e => e.outerHTML.slice(0, 200))");
        Assert.True(invalid.Length == 0, "the review form is not valid: " + string.Join("\n", invalid));
        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "全部创建为草稿" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("导入完成");
        var regions = await host.QueryAsync(db => db.EditionPageRegions
            .Where(r => r.EditionPage!.Edition!.Date == date && r.Kind == PageRegionKind.Story)
            .OrderBy(r => r.Order).Select(r => new { r.Article!.PageOrder, r.X, r.Y }).ToListAsync());
        var posted = System.Text.Json.JsonDocument.Parse(proposal).RootElement.GetProperty("articles");
        var third = posted[2].GetProperty("regions");
        var given = third[third.GetArrayLength() - 1];
        // The moved region now belongs to the third story, where the editor dropped it.
        Assert.Contains(regions, r => r.PageOrder == 3 && Math.Abs(r.X - given[0].GetDouble()) < 0.5 && Math.Abs(r.Y - given[1].GetDouble()) < 0.5);
        Assert.Equal(FacsimileStatus.Attached, await host.QueryAsync(db => db.PageFacsimiles.Where(f => f.UploadKey == key).Select(f => f.Status).SingleAsync()));
        session.AssertClean();
    }
}
