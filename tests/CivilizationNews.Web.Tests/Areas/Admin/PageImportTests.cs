using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Cli;
using CivilizationNews.Web.Areas.Admin.Controllers;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;
using CivilizationNews.Tests.Common;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// 导入版面 through the real app: every fixture page uploaded and pasted, its review-screen proposal
/// scored with shared/tools/score-import, drafts created in one step, bad input refused in Chinese,
/// the server re-checking the posted proposal, and the one-time batch key.
/// </summary>
public sealed class PageImportTests
{
    private static readonly DateOnly Day = new(2021, 12, 11);

    public static TheoryData<string, bool> PagesAndModes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var page in ImportCommandTests.Pages())
        {
            data.Add((string)page.Data, true);
            data.Add((string)page.Data, false);
        }
        return data;
    }

    private static string Fixture(string page, string extension = ".txt") =>
        Path.Combine(SharedFolder.Path(), "fixtures", "print-pages", page + extension);

    private static async Task<string> SectionIdAsync(PortalFactory factory) =>
        (await factory.QueryAsync(db => db.Sections.Where(s => s.Slug == "wenming").Select(s => s.Id).SingleAsync(Ct))).ToString(CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, string>> TargetAsync(PortalFactory factory, int page = 3) => new()
    {
        ["Date"] = "2021-12-11", ["PageNumber"] = page.ToString(CultureInfo.InvariantCulture), ["PageName"] = "专版", ["SectionId"] = await SectionIdAsync(factory),
    };

    /// <summary>Posts the upload form as multipart, with the page's token, as the browser does without script.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Dictionary<string, string> fields, byte[]? file, string fileName = "page.txt")
    {
        var token = await AdminClient.TokenAsync(client, "/admin/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            content.Add(part, "File", fileName);
        }
        return await client.PostAsync(new Uri("/admin/import", UriKind.Relative), content, Ct);
    }

    private static async Task<IDocument> ReviewAsync(HttpClient client, PortalFactory factory, string page, bool upload, int pageNumber = 3)
    {
        var fields = await TargetAsync(factory, pageNumber);
        var bytes = await File.ReadAllBytesAsync(Fixture(page), Ct);
        if (!upload)
        {
            // Pasting gives the browser's text; the GB18030 page is pasted as what an editor sees.
            fields["Text"] = TestEncodings.Decode(bytes);
        }
        using var response = await UploadAsync(client, fields, upload ? bytes : null);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.True(doc.QuerySelector("form#import-review") is not null, "no review screen: " + doc.QuerySelector(".form-errors").Text());
        return doc;
    }

    private static string Proposal(IDocument review) => review.QuerySelector("input[name='Proposal']")!.GetAttribute("value")!;

    /// <summary>What the browser would send for the review form: hidden fields, selected options, ticked boxes.</summary>
    private static List<KeyValuePair<string, string>> ReviewFields(IDocument review, bool confirm = true)
    {
        var form = review.QuerySelector("form#import-review")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (input.LocalName == "select")
            {
                var selected = input.QuerySelector("option[selected]") ?? input.QuerySelector("option");
                fields.Add(new(name, selected?.GetAttribute("value") ?? string.Empty));
            }
            else if (input.GetAttribute("type") == "checkbox")
            {
                if (confirm)
                {
                    fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                }
            }
            else
            {
                fields.Add(new(name, input.GetAttribute("value") ?? string.Empty));
            }
        }
        return fields;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string name, string value) =>
        fields.Select(f => f.Key == name ? new KeyValuePair<string, string>(name, value) : f).ToList();

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return await client.PostAsync(new Uri("/admin/import/create", UriKind.Relative), content, Ct);
    }

    private static async Task<(int Articles, int Features, int Editions, int Units)> CountsAsync(PortalFactory factory) =>
        await factory.QueryAsync(async db => (await db.Articles.CountAsync(Ct), await db.Features.CountAsync(Ct), await db.Editions.CountAsync(Ct), await db.Units.CountAsync(Ct)));

    private static async Task<string> ScoreAsync(string page, string json)
    {
        var shared = SharedFolder.Path();
        var actual = Path.Combine(Directory.CreateTempSubdirectory("cn-import-").FullName, "actual.json");
        await File.WriteAllTextAsync(actual, json, Ct);
        using var score = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(shared, "tools", "score-import"), Fixture(page, ".expected.json"), actual, Fixture(page) },
            RedirectStandardOutput = true,
        })!;
        var report = await score.StandardOutput.ReadToEndAsync(Ct);
        await score.WaitForExitAsync(Ct);
        Assert.True(score.ExitCode == 0, $"{page}:\n{report}");
        return report;
    }

    [Theory]
    [MemberData(nameof(PagesAndModes))]
    public async Task The_review_screen_holds_a_proposal_that_scores_full_marks(string page, bool upload)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await CountsAsync(factory);

        var review = await ReviewAsync(editor, factory, page, upload);

        var report = await ScoreAsync(page, Proposal(review));
        Assert.Contains("score:", report, StringComparison.Ordinal);
        // Reviewing writes nothing.
        Assert.Equal(before, await CountsAsync(factory));
        // The page text is shown beside the proposal, line by line.
        var lines = review.QuerySelectorAll(".import-lines li").Select(li => li.TextContent).ToList();
        Assert.Contains(lines, l => l.Length > 10 && TestEncodings.Decode(File.ReadAllBytes(Fixture(page))).Contains(l.Trim(), StringComparison.Ordinal));
        Assert.Equal(review.QuerySelectorAll("article.import-story").Length, review.QuerySelectorAll("select[name='UnitChoice']").Length);
        // Each paragraph links to the lines it was printed on.
        var sourceLinks = review.QuerySelectorAll(".import-para-source a").ToList();
        Assert.Equal(review.QuerySelectorAll(".import-para-text").Length, sourceLinks.Count);
        Assert.All(sourceLinks, a => Assert.NotNull(review.GetElementById(a.GetAttribute("href")!.TrimStart('#'))));
    }

    [Theory]
    [MemberData(nameof(ImportCommandTests.Pages), MemberType = typeof(ImportCommandTests))]
    public async Task Creating_the_proposal_unchanged_makes_drafts_on_the_edition_page(string page)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "夏明");
        var review = await ReviewAsync(editor, factory, page, upload: true);
        var proposal = JsonNode.Parse(Proposal(review))!;
        var expected = proposal["articles"]!.AsArray().Select(a => (string)a!["title"]!).ToList();
        var before = await CountsAsync(factory);

        using var created = await CreateAsync(editor, ReviewFields(review));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/import/result/", location, StringComparison.Ordinal);
        var drafts = await factory.QueryAsync(db => db.Articles.Where(a => a.EditionPage!.Edition!.Date == Day && a.EditionPage.Number == 3)
            .OrderBy(a => a.PageOrder).Select(a => new { a.Id, a.Title, a.Status, a.AuthorId, Page = a.EditionPage!.Name }).ToListAsync(Ct));
        Assert.Equal(expected, drafts.Select(d => d.Title));
        Assert.All(drafts, d => Assert.Equal(ArticleStatus.Draft, d.Status));
        Assert.All(drafts, d => Assert.Equal("专版", d.Page));
        var feature = await factory.QueryAsync(db => db.Features.Where(f => f.EditionPage!.Edition!.Date == Day)
            .Select(f => new { f.Id, f.IsPublished, f.LeadArticleId, Sidebars = f.Sidebars.Count }).SingleOrDefaultAsync(Ct));
        var lead = proposal["articles"]![0]!;
        var makesFeature = expected.Count > 1 && (lead["subtitle"] is not null || lead["sections"]!.AsArray().Count > 1);
        Assert.Equal(makesFeature, feature is not null);
        if (feature is not null)
        {
            Assert.False(feature.IsPublished);
            Assert.Equal(drafts[0].Id, feature.LeadArticleId);
            Assert.Equal(drafts.Count - 1, feature.Sidebars);
        }
        var after = await CountsAsync(factory);
        Assert.Equal(before.Articles + expected.Count, after.Articles);
        Assert.Equal(before.Units, after.Units);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "page.import" && location.EndsWith(e.EntityId!), Ct)));

        // The result page links every draft (and the feature).
        var (response, result) = await Html.GetAsync(editor, location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var draft in drafts)
        {
            Assert.NotNull(result.QuerySelector($"a[href='/admin/articles/{draft.Id}/edit']"));
        }
        Assert.Equal(feature is not null, result.QuerySelector($"a[href='/admin/features/{feature?.Id}']") is not null);
        Assert.Contains("已创建", result.QuerySelector(".flash-ok").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kickers_match_existing_units_and_new_units_can_be_created()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var review = await ReviewAsync(editor, factory, "page-a", upload: true);
        var school = await factory.QueryAsync(db => db.Units.Where(u => u.ShortName == "市实验中学").Select(u => u.Id).SingleAsync(Ct));

        // The kicker 市实验中学 is preselected; 市第一人民医院 is no unit yet and gets 新建单位.
        var selects = review.QuerySelectorAll("select[name='UnitChoice']").ToList();
        var kickers = JsonNode.Parse(Proposal(review))!["articles"]!.AsArray().Select(a => (string?)a!["kicker"]).ToList();
        var schoolIndex = kickers.IndexOf("市实验中学");
        var hospitalIndex = kickers.IndexOf("市第一人民医院");
        Assert.Equal(school.ToString(CultureInfo.InvariantCulture), selects[schoolIndex].QuerySelector("option[selected]")?.GetAttribute("value"));
        Assert.Null(selects[hospitalIndex].QuerySelector("option[selected]")?.GetAttribute("value") is { Length: > 0 } ? "preselected" : null);
        Assert.NotNull(selects[hospitalIndex].QuerySelector("option[value='new']"));
        var fields = ReviewFields(review);
        var choices = fields.Where(f => f.Key == "UnitChoice").Select(f => f.Value).ToList();
        choices[hospitalIndex] = "new";
        fields = fields.Where(f => f.Key != "UnitChoice").Concat(choices.Select(c => new KeyValuePair<string, string>("UnitChoice", c))).ToList();

        using var created = await CreateAsync(editor, fields);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var links = await factory.QueryAsync(db => db.Articles.Where(a => a.EditionPage!.Edition!.Date == Day)
            .Select(a => new { a.Kicker, Units = a.Units.Select(u => new { u.Unit!.Name, u.UnitId, u.IsPrimary }).ToList() }).ToListAsync(Ct));
        Assert.Equal(school, links.Single(l => l.Kicker == "市实验中学").Units.Single().UnitId);
        var hospital = links.Single(l => l.Kicker == "市第一人民医院").Units.Single();
        Assert.Equal("市第一人民医院", hospital.Name);
        Assert.True(hospital.IsPrimary);
        Assert.Empty(links.Single(l => l.Kicker == "市供水公司").Units);
        var unit = await factory.QueryAsync(db => db.Units.SingleAsync(u => u.Id == hospital.UnitId, Ct));
        Assert.Matches("^unit-[0-9a-f]{8}$", unit.Slug);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "unit.create" && e.EntityId == unit.Id.ToString(CultureInfo.InvariantCulture), Ct)));
    }

    [Fact]
    public async Task A_one_line_header_opening_with_a_units_short_name_is_split_there()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var fields = await TargetAsync(factory);

        // 市广播电视台 does not read as an organisation's name by its form; the unit list knows it.
        fields["Text"] = "市广播电视台 “文明新风”栏目开播\n\n本报讯 近日,市广播电视台新开设的“文明新风”栏目正式开播。\n";
        using var response = await UploadAsync(editor, fields, null);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var article = JsonNode.Parse(Proposal(new HtmlParser().ParseDocument(html)))!["articles"]![0]!;
        Assert.Equal("市广播电视台", (string?)article["kicker"]);
        Assert.Equal("“文明新风”栏目开播", (string?)article["title"]);
    }

    [Fact]
    public async Task An_edited_proposal_is_created_as_edited()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var review = await ReviewAsync(editor, factory, "page-b", upload: true);
        var proposal = JsonNode.Parse(Proposal(review))!;
        var articles = proposal["articles"]!.AsArray();
        Assert.Equal(3, articles.Count);
        // As the review script does: merge the third story into the second (its title becomes a subhead), retitle the first.
        var third = articles[2]!;
        var second = articles[1]!;
        var merged = third["sections"]!.DeepClone().AsArray();
        merged[0]!["heading"] = (string)third["title"]!;
        foreach (var section in merged.ToList())
        {
            merged.Remove(section);
            second["sections"]!.AsArray().Add(section);
        }
        articles.RemoveAt(2);
        articles[0]!["title"] = "银发课堂开课";
        var fields = With(ReviewFields(review), "Proposal", proposal.ToJsonString());
        var choices = fields.Where(f => f.Key == "UnitChoice").Take(2).ToList();
        fields = fields.Where(f => f.Key != "UnitChoice").Concat(choices).ToList();

        using var created = await CreateAsync(editor, fields);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var drafts = await factory.QueryAsync(db => db.Articles.Where(a => a.EditionPage!.Edition!.Date == Day).OrderBy(a => a.PageOrder)
            .Select(a => new { a.Title, a.Body }).ToListAsync(Ct));
        Assert.Equal(["银发课堂开课", (string)second["title"]!], drafts.Select(d => d.Title));
        Assert.Contains("## " + (string)third["title"]!, drafts[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_posted_proposal_is_checked_again_and_a_refusal_creates_nothing()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var review = await ReviewAsync(editor, factory, "page-b", upload: true);
        var fields = ReviewFields(review);
        var before = await CountsAsync(factory);

        var untitled = JsonNode.Parse(Proposal(review))!;
        untitled["articles"]![1]!["title"] = "  ";
        var broken = Proposal(review)[..40];
        var unknownUnit = fields.Select(f => f.Key == "UnitChoice" ? new KeyValuePair<string, string>("UnitChoice", "999999") : f).ToList();
        var badTarget = With(fields, "PageNumber", "0");
        var cases = new (List<KeyValuePair<string, string>> Fields, string Message)[]
        {
            (With(fields, "Proposal", untitled.ToJsonString()), "第 2 篇稿件还没有标题"),
            (With(fields, "Proposal", broken), "导入数据已损坏"),
            (unknownUnit, "所选的单位已不存在"),
            (badTarget, "版次请填写 1–999 的数字"),
            (fields.Where(f => f.Key != "UnitChoice").ToList(), "单位选择与稿件数量不一致"),
        };
        foreach (var (posted, message) in cases)
        {
            using var response = await CreateAsync(editor, posted);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var errors = await ErrorsAsync(response);
            Assert.Contains(message, errors, StringComparison.Ordinal);
            Assert.Equal(before, await CountsAsync(factory));
        }

        // The same batch key still works afterwards: nothing was used up by the refusals.
        using var ok = await CreateAsync(editor, fields);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Fact]
    public async Task Unattached_text_must_be_confirmed_before_creating()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var review = await ReviewAsync(editor, factory, "page-b", upload: true);
        var proposal = JsonNode.Parse(Proposal(review))!;
        proposal["warnings"]!.AsArray().Add(new JsonObject { ["kind"] = "unattached", ["text"] = "一段没有归属的文字。", ["article"] = null });
        var fields = With(ReviewFields(review, confirm: false), "Proposal", proposal.ToJsonString());
        var before = await CountsAsync(factory);

        using var refused = await CreateAsync(editor, fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("还有未归属的文字", await ErrorsAsync(refused), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));

        using var confirmed = await CreateAsync(editor, fields.Append(new("ConfirmUnattached", "true")));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    [Fact]
    public async Task Posting_the_review_twice_creates_the_drafts_once()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var review = await ReviewAsync(editor, factory, "page-a", upload: true);
        var fields = ReviewFields(review);
        var before = await CountsAsync(factory);

        // A double click: two posts in flight at once, then a third from the browser's history.
        var both = await Task.WhenAll(CreateAsync(editor, fields), CreateAsync(editor, fields));
        using var again = await CreateAsync(editor, fields);

        var locations = both.Append(again).Select(r => r.Headers.Location?.OriginalString).ToList();
        Assert.All(both.Append(again), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(locations.Distinct());
        var articles = JsonNode.Parse(Proposal(review))!["articles"]!.AsArray().Count;
        var after = await CountsAsync(factory);
        Assert.Equal(before.Articles + articles, after.Articles);
        Assert.Equal(before.Features + 1, after.Features);
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "page.import", Ct)));
        foreach (var r in both)
        {
            r.Dispose();
        }
        Assert.Contains("已经创建过", await FlashAsync(editor, locations[0]!), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "empty-file", "文件是空的" },
        { "blank-file", "文件是空的" },
        { "binary-file", "这不是文本文件" },
        { "undecodable-file", "无法识别文件编码" },
        { "too-large-file", "文件超过 5 MB" },
        { "nothing", "请粘贴版面文字" },
        { "both", "二选一" },
        { "no-date", "请填写出版日期" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_Chinese_error_and_nothing_is_created(string input, string message)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var fields = await TargetAsync(factory);
        var page = await File.ReadAllBytesAsync(Fixture("page-b"), Ct);
        byte[]? file = input switch
        {
            "empty-file" => [],
            "blank-file" => "\r\n　　 \n\n"u8.ToArray(),
            "binary-file" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52],
            "undecodable-file" => [.. "市气象局 "u8.ToArray(), 0xFF, 0xFF, 0x80, .. "寒潮"u8.ToArray()],
            "too-large-file" => Enumerable.Repeat((byte)'a', 5 * 1024 * 1024 + 1).ToArray(),
            "both" => page,
            "no-date" => page,
            _ => null,
        };
        if (input == "both")
        {
            fields["Text"] = "市人社局 “零跑腿”服务跑出加速度";
        }
        if (input == "no-date")
        {
            fields["Date"] = "";
        }
        var before = await CountsAsync(factory);

        using var response = await UploadAsync(editor, fields, file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Contains(message, doc.QuerySelector("#import-error").Text(), StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("form#import-form"));
        Assert.Null(doc.QuerySelector("form#import-review"));
        Assert.Equal(before, await CountsAsync(factory));
        if (input == "both")
        {
            // What was typed stays in the form.
            Assert.Contains("零跑腿", doc.QuerySelector("#Text")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_body_over_the_request_limit_is_refused_in_Chinese()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var fields = await TargetAsync(factory);
        var before = await CountsAsync(factory);

        // A text file over its 5 MB (the request may carry a 50 MB page PDF): the page says so.
        using (var text = await UploadAsync(editor, fields, Enumerable.Repeat((byte)'a', 7 * 1024 * 1024).ToArray()))
        {
            Assert.Contains("文件超过 5 MB", await text.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Over what any page may be: refused before the body is read, with the Chinese message.
        using var response = await UploadAsync(editor, fields, new byte[(int)(ImportController.UploadRequestLimit + 1024 * 1024)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/import", response.Headers.Location?.OriginalString);
        Assert.Contains("超过 50 MB", await FlashAsync(editor, "/admin/import"), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_refused()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var review = await ReviewAsync(editor, factory, "page-b", upload: true);
        var before = await CountsAsync(factory);

        using var upload = new MultipartFormDataContent { { new StringContent("市人社局 “零跑腿”服务跑出加速度\n\n本报讯 正文。"), "Text" } };
        using var first = await editor.PostAsync(new Uri("/admin/import", UriKind.Relative), upload, Ct);
        using var second = await CreateAsync(editor, ReviewFields(review).Where(f => f.Key != "__RequestVerificationToken"));

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task Editors_see_the_entry_and_reporters_do_not()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);

        var (_, editorHome) = await Html.GetAsync(editor, "/admin");
        var (_, reporterHome) = await Html.GetAsync(reporter, "/admin");
        using var refused = await reporter.GetAsync(new Uri("/admin/import", UriKind.Relative), Ct);

        Assert.NotNull(editorHome.QuerySelector(".admin-nav a[href='/admin/import']"));
        Assert.Null(reporterHome.QuerySelector(".admin-nav a[href='/admin/import']"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var (page, form) = await Html.GetAsync(editor, "/admin/import");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("导入版面", form.QuerySelector("h1").Text());
        // Every control has a label.
        foreach (var control in form.QuerySelectorAll("#import-form textarea, #import-form input:not([type=hidden]), #import-form select"))
        {
            Assert.NotNull(form.QuerySelector($"label[for='{control.Id}']"));
        }
    }
}
