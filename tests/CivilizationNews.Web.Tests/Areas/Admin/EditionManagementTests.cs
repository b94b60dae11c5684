using System.Globalization;
using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

public sealed class EditionManagementTests
{
    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_edition_gets_pages_and_the_stories_on_a_page_are_reordered_with_post_buttons()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        var created = await AdminClient.PostFormAsync(editor, "/admin/editions", "/admin/editions",
            new() { ["Date"] = "2030-01-02", ["Number"] = "15000", ["IsPublished"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edition = IdFrom(created, 3);
        var url = $"/admin/editions/{edition}";
        var page = await AdminClient.PostFormAsync(editor, url, $"{url}/pages", new() { ["number"] = "1", ["name"] = "要闻" });
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var pageId = await factory.QueryAsync(db => db.EditionPages.Where(p => p.EditionId == edition).Select(p => p.Id).SingleAsync(Ct));
        await AdminClient.PostFormAsync(editor, url, $"{url}/pages", new() { ["number"] = "1", ["name"] = "重复" });
        Assert.Contains("已有第1版", await FlashAsync(editor, url), StringComparison.Ordinal);

        var stories = await factory.QueryAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => a.Id).Take(3).ToListAsync(Ct));
        foreach (var story in stories)
        {
            await AdminClient.PostFormAsync(editor, url, $"{url}/pages/{pageId}/stories", new() { ["articleId"] = S(story) });
        }
        Assert.Equal(stories, await OrderAsync());

        await AdminClient.PostFormAsync(editor, url, $"{url}/pages/{pageId}/stories/{stories[2]}/up", new());
        Assert.Equal([stories[0], stories[2], stories[1]], await OrderAsync());
        await AdminClient.PostFormAsync(editor, url, $"{url}/pages/{pageId}/stories/{stories[0]}/down", new());
        Assert.Equal([stories[2], stories[0], stories[1]], await OrderAsync());
        await AdminClient.PostFormAsync(editor, url, $"{url}/pages/{pageId}/stories/{stories[0]}/remove", new());
        Assert.Equal([stories[2], stories[1]], await OrderAsync());
        Assert.Equal([1, 2], await factory.QueryAsync(db => db.Articles.Where(a => a.EditionPageId == pageId).OrderBy(a => a.PageOrder).Select(a => a.PageOrder).ToListAsync(Ct)));

        var (_, doc) = await Html.GetAsync(editor, url);
        Assert.NotNull(doc.QuerySelector($"button[formaction='{url}/pages/{pageId}/stories/{stories[1]}/up']"));

        // An edition with stories placed on it cannot be deleted.
        await AdminClient.PostFormAsync(editor, url, $"{url}/delete", new());
        Assert.Contains("不能删除", await FlashAsync(editor, url), StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "edition.story-move", Ct)));

        Task<List<int>> OrderAsync() => factory.QueryAsync(db => db.Articles.Where(a => a.EditionPageId == pageId)
            .OrderBy(a => a.PageOrder).Select(a => a.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_stale_edition_save_is_refused()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var edition = await factory.QueryAsync(db => db.Editions.OrderBy(e => e.Id).FirstAsync(Ct));
        var url = $"/admin/editions/{edition.Id}";
        var form = new Dictionary<string, string>
        {
            ["Date"] = edition.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Number"] = S(edition.Number + 1000),
            ["Version"] = edition.Version.ToString(),
        };

        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.PostFormAsync(editor, url, url, form)).StatusCode);
        form["Number"] = S(edition.Number + 2000);
        var stale = await AdminClient.PostFormAsync(editor, url, url, form);

        // One conflict experience (as for units): the form keeps the refused input beside what is saved now.
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await ErrorsAsync(stale), StringComparison.Ordinal);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await stale.Content.ReadAsStringAsync(Ct));
        Assert.Equal(S(edition.Number + 2000), page.QuerySelector("input[name=Number]")!.GetAttribute("value"));
        Assert.Contains($"第{edition.Number + 1000}期", page.QuerySelector(".saved-version")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(edition.Number + 1000, await factory.QueryAsync(db => db.Editions.Where(e => e.Id == edition.Id).Select(e => e.Number).SingleAsync(Ct)));
    }
}
