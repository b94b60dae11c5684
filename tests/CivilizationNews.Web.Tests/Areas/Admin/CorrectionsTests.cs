using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// 更正 from the editor page to every place a reader meets the story: its page (also when it was cached
/// before), /corrections, the feed entry and the JSON-LD; the audit log and the revision before it for editors.
/// </summary>
public sealed class CorrectionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The newest public story: the first entry of the site feed.</summary>
    private static Task<int> NewestPublishedAsync(PortalFactory factory) => factory.QueryAsync(db =>
        db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= DateTime.UtcNow)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Select(a => a.Id).FirstAsync(Ct));

    /// <summary>The editor form's fields as the page shows them (the browser would post exactly these).</summary>
    private static async Task<List<KeyValuePair<string, string>>> FormOfAsync(HttpClient client, string url)
    {
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(url, UriKind.Relative), Ct));
        var form = doc.QuerySelector("#editor")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (name == "__RequestVerificationToken")
            {
                continue;
            }
            if (input.TagName == "SELECT")
            {
                fields.AddRange(input.QuerySelectorAll("option[selected]").Select(o => new KeyValuePair<string, string>(name, o.GetAttribute("value") ?? "")));
            }
            else
            {
                fields.Add(new(name, input.TagName == "TEXTAREA" ? input.TextContent : input.GetAttribute("value") ?? ""));
            }
        }
        return fields;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, params (string Name, string Value)[] values) =>
        fields.Where(f => values.All(v => v.Name != f.Key)).Concat(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value))).ToList();

    private static async Task<HttpResponseMessage> CorrectAsync(HttpClient editor, int id, string wrong, string right, string? body = null)
    {
        var url = $"/admin/articles/{id}/edit";
        var fields = With(await FormOfAsync(editor, url), ("Correction.Wrong", wrong), ("Correction.Right", right));
        if (body is not null)
        {
            fields = With(fields, ("Body", body));
        }
        return await AdminClient.PostPairsAsync(editor, url, $"/admin/articles/{id}/correct", fields);
    }

    private static async Task<(bool Hit, string Body)> ReadAsync(HttpClient reader, string path)
    {
        using var response = await reader.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_editor_corrects_a_published_story_and_readers_see_it_on_the_page_the_list_the_feed_and_the_structured_data()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await NewestPublishedAsync(factory);
        var before = await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => new { a.Body, a.UpdatedAt }).SingleAsync(Ct));
        var reader = AdminClient.Anonymous(factory);
        // Both pages are in the output cache before the correction.
        await ReadAsync(reader, $"/article/{id}");
        Assert.True((await ReadAsync(reader, $"/article/{id}")).Hit);
        await ReadAsync(reader, "/corrections");
        Assert.True((await ReadAsync(reader, "/corrections")).Hit);
        Assert.Contains("目前没有更正", (await ReadAsync(reader, "/corrections")).Body, StringComparison.Ordinal);

        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var fixedBody = before.Body + "\n\n（本文已更正）";
        var corrected = await CorrectAsync(editor, id, "原文称活动共有300名志愿者参加", "应为3000名志愿者", fixedBody);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal($"/admin/articles/{id}/edit", corrected.Headers.Location!.OriginalString);

        // The story page, cached before, now shows the correction at its foot with its date.
        var (hit, html) = await ReadAsync(reader, $"/article/{id}");
        Assert.False(hit);
        var page = new HtmlParser().ParseDocument(html);
        var box = page.QuerySelector(".story .story-corrections")!;
        Assert.Equal("更正", box.QuerySelector("h2")!.TextContent);
        var correction = box.QuerySelector(".correction")!.Text();
        Assert.Contains("原文称活动共有300名志愿者参加", correction, StringComparison.Ordinal);
        Assert.Contains("应为3000名志愿者", correction, StringComparison.Ordinal);
        Assert.Contains(CivilizationNews.Core.Time.ChinaTime.FormatDate(DateTime.UtcNow), correction, StringComparison.Ordinal);
        Assert.Contains("（本文已更正）", page.QuerySelector(".story-body")!.TextContent, StringComparison.Ordinal);

        // JSON-LD: a CorrectionComment, and the story reads as modified.
        var ld = page.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent)).ToList();
        var article = ld.SelectMany(d => d.RootElement.ValueKind == JsonValueKind.Array ? d.RootElement.EnumerateArray().ToList() : [d.RootElement])
            .Single(e => e.GetProperty("@type").GetString() == "NewsArticle");
        var comment = article.GetProperty("correction")[0];
        Assert.Equal("CorrectionComment", comment.GetProperty("@type").GetString());
        Assert.Contains("应为3000名志愿者", comment.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(article.GetProperty("dateModified").GetString()!, CultureInfo.InvariantCulture).UtcDateTime > before.UpdatedAt);

        // /corrections, cached before, lists it with a link to the story.
        var (listHit, listHtml) = await ReadAsync(reader, "/corrections");
        Assert.False(listHit);
        var list = new HtmlParser().ParseDocument(listHtml);
        var item = list.QuerySelector(".correction-list .correction-item")!;
        Assert.Equal($"/article/{id}", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("应为3000名志愿者", item.Text(), StringComparison.Ordinal);

        // The Atom entry's updated date is the correction's, and its summary says what was corrected.
        var atom = XDocument.Parse((await ReadAsync(reader, "/feed/atom")).Body);
        XNamespace a = "http://www.w3.org/2005/Atom";
        var entry = atom.Root!.Elements(a + "entry").Single(e => e.Element(a + "id")!.Value.EndsWith($"/article/{id}", StringComparison.Ordinal));
        var updated = DateTimeOffset.Parse(entry.Element(a + "updated")!.Value, CultureInfo.InvariantCulture).UtcDateTime;
        Assert.True(updated > before.UpdatedAt, $"entry updated {updated:o}, story last changed {before.UpdatedAt:o}");
        Assert.True(updated > DateTime.UtcNow.AddMinutes(-5));
        Assert.Contains("应为3000名志愿者", entry.Element(a + "summary")!.Value, StringComparison.Ordinal);

        // The audit log has it, and the revision before it stays open to editors.
        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.Action == "article.correct" && e.EntityId == id.ToString(CultureInfo.InvariantCulture))
            .Select(e => new { e.UserName, e.Details }).SingleAsync(Ct));
        Assert.Equal("赵静怡", audit.UserName);
        Assert.Contains("原文称活动共有300名志愿者参加", audit.Details, StringComparison.Ordinal);
        var saved = await factory.QueryAsync(db => db.ArticleCorrections.Where(c => c.ArticleId == id)
            .Select(c => new { c.BeforeRevisionId, c.RevisionId, BeforeBody = c.BeforeRevision!.Body, AfterBody = c.Revision!.Body }).SingleAsync(Ct));
        Assert.Equal(before.Body, saved.BeforeBody);
        Assert.Equal(fixedBody, saved.AfterBody);
        var editPage = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri($"/admin/articles/{id}/edit", UriKind.Relative), Ct));
        var diffLink = editPage.QuerySelectorAll("a").Single(l => l.TextContent == "更正前后对比").GetAttribute("href")!;
        var diff = await editor.GetAsync(new Uri(diffLink, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        Assert.Contains("（本文已更正）", await diff.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_corrections_page_lists_the_newest_first()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var ids = await factory.QueryAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= DateTime.UtcNow)
            .OrderBy(a => a.Id).Select(a => a.Id).Take(2).ToListAsync(Ct));
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await CorrectAsync(editor, ids[0], "第一处错误", "第一处更正")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CorrectAsync(editor, ids[1], "第二处错误", "第二处更正")).StatusCode);

        var list = new HtmlParser().ParseDocument((await ReadAsync(AdminClient.Anonymous(factory), "/corrections")).Body);
        var items = list.QuerySelectorAll(".correction-item").Select(i => i.Text()).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("第二处更正", items[0], StringComparison.Ordinal);
        Assert.Contains("第一处更正", items[1], StringComparison.Ordinal);
        using var beyond = await AdminClient.Anonymous(factory).GetAsync(new Uri("/corrections?page=2", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Theory]
    [InlineData(NewsRoles.Reporter)]
    [InlineData(NewsRoles.Correspondent)]
    public async Task Reporters_and_correspondents_are_refused_and_nothing_is_written(string role)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await NewestPublishedAsync(factory);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var fields = With(await FormOfAsync(editor, $"/admin/articles/{id}/edit"), ("Correction.Wrong", "错"), ("Correction.Right", "对"));
        var writer = await AdminClient.SignInAsync(factory, role);

        var response = await AdminClient.PostPairsAsync(writer, "/admin/articles/create", $"/admin/articles/{id}/correct", fields);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.ArticleCorrections.CountAsync(Ct)));
        Assert.Equal(0, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "article.correct", Ct)));
    }

    [Fact]
    public async Task The_correction_form_is_shown_to_editors_on_published_stories_only()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var published = await NewestPublishedAsync(factory);
        var draft = await factory.QueryAsync(db => db.Articles.Where(a => a.Status != ArticleStatus.Published).Select(a => (int?)a.Id).FirstOrDefaultAsync(Ct));
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        var page = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri($"/admin/articles/{published}/edit", UriKind.Relative), Ct));
        var button = page.QuerySelector(".correction-editor button[formaction]")!;
        Assert.Equal($"/admin/articles/{published}/correct", button.GetAttribute("formaction"));
        Assert.NotNull(page.QuerySelector("textarea[name='Correction.Wrong']"));
        if (draft is { } d)
        {
            var draftPage = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri($"/admin/articles/{d}/edit", UriKind.Relative), Ct));
            Assert.Null(draftPage.QuerySelector(".correction-editor"));
        }
    }

    [Fact]
    public async Task A_correction_without_its_texts_or_on_an_unpublished_story_is_refused_in_Chinese_and_nothing_is_saved()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await NewestPublishedAsync(factory);
        var bodyBefore = await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Body).SingleAsync(Ct));
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        var blank = await CorrectAsync(editor, id, "  ", "应为3000名", "改过的正文");
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        var html = await blank.Content.ReadAsStringAsync(Ct);
        Assert.Contains("请填写原文错误之处。", html, StringComparison.Ordinal);
        // What was typed is kept.
        var form = new HtmlParser().ParseDocument(html);
        Assert.Equal("应为3000名", form.QuerySelector("textarea[name='Correction.Right']")!.TextContent.Trim());
        Assert.Equal("改过的正文", form.QuerySelector("textarea[name='Body']")!.TextContent.Trim());

        // Withdrawn: no longer published, so no correction (the form is kept from before).
        var fields = With(await FormOfAsync(editor, $"/admin/articles/{id}/edit"), ("Correction.Wrong", "错"), ("Correction.Right", "对"));
        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.PostFormAsync(editor, $"/admin/articles/{id}/edit", $"/admin/articles/{id}/transition",
            new() { ["to"] = "withdrawn", ["reason"] = "核实中" })).StatusCode);
        var version = await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(Ct));
        var withdrawn = await AdminClient.PostPairsAsync(editor, $"/admin/articles/{id}/edit", $"/admin/articles/{id}/correct",
            With(fields, ("Version", version.ToString())));
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Contains("只有已发布的稿件可以登记更正", await withdrawn.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(0, await factory.QueryAsync(db => db.ArticleCorrections.CountAsync(Ct)));
        Assert.Equal(bodyBefore, await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Body).SingleAsync(Ct)));
    }

    [Fact]
    public async Task The_correction_post_needs_the_form_token()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await NewestPublishedAsync(factory);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var fields = With(await FormOfAsync(editor, $"/admin/articles/{id}/edit"), ("Correction.Wrong", "错"), ("Correction.Right", "对"));

        using var content = new FormUrlEncodedContent(fields);
        var response = await editor.PostAsync(new Uri($"/admin/articles/{id}/correct", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.ArticleCorrections.CountAsync(Ct)));
    }
}
