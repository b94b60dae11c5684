using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Importing;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// 上传版面: page PDFs uploaded together are stored page by page, read and drawn by the app's background processor,
/// reviewed beside their page image and created with their regions; readers then see the page as printed.
/// </summary>
public sealed class PageUploadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(SharedFolder.Path(), "fixtures", "print-pdfs", name));

    private static async Task<HttpResponseMessage> UploadAsync(PortalFactory factory, HttpClient client, string date, params (string Name, byte[] Bytes)[] files)
    {
        var section = await factory.QueryAsync(db => db.Sections.Select(s => s.Id).FirstAsync(Ct));
        var token = await AdminClient.TokenAsync(client, "/admin/pages");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent(date), "Date");
        content.Add(new StringContent(section.ToString(CultureInfo.InvariantCulture)), "SectionId");
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "application/pdf");
            content.Add(part, "Files", name);
        }
        return await client.PostAsync(new Uri("/admin/pages", UriKind.Relative), content, Ct);
    }

    /// <summary>Waits, as the editor watching the list would, until no uploaded page is still being processed.</summary>
    private static async Task WaitForProcessingAsync(PortalFactory factory)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await factory.QueryAsync(db => db.PageFacsimiles.AnyAsync(f => f.Status == FacsimileStatus.Pending, Ct)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the uploaded pages were not processed in time");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Pages_uploaded_together_are_read_drawn_reviewed_and_created_with_their_regions()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await factory.QueryAsync(db => db.Articles.CountAsync(Ct));

        // Page b with the image its layout system exported; page a drawn from its PDF by the server.
        using var response = await UploadAsync(factory, editor, "2021-12-11", ("page-a.pdf", Fixture("page-a.pdf")), ("page-b.pdf", Fixture("page-b.pdf")),
            ("page-b.png", Fixture("page-b.png")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/pages", response.Headers.Location!.OriginalString);
        await WaitForProcessingAsync(factory);

        var pages = await factory.QueryAsync(db => db.PageFacsimiles.Where(f => f.EditionDate == new DateOnly(2021, 12, 11))
            .OrderBy(f => f.FileName).Select(f => new { f.UploadKey, f.FileName, f.Status, f.Note, f.PageNumber, f.ImageSource, Images = f.Images.Count })
            .ToListAsync(Ct));
        Assert.Equal(["page-a.pdf", "page-b.pdf"], pages.Select(p => p.FileName));
        Assert.All(pages, p => Assert.True(p.Status == FacsimileStatus.Ready, $"{p.FileName}: {p.Status} {p.Note}"));
        Assert.Equal(FacsimileImageSource.Uploaded, pages[1].ImageSource);
        Assert.All(pages, p => Assert.True(p.Images >= 6, "WebP and JPEG renditions at several widths"));
        // The page numbers come from each page's folio.
        var importer = new PrintPageImporter();
        Assert.Equal(importer.ImportPdf(Fixture("page-a.pdf")).Page!.Number, pages[0].PageNumber);
        Assert.Equal(importer.ImportPdf(Fixture("page-b.pdf")).Page!.Number, pages[1].PageNumber);

        var list = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri("/admin/pages", UriKind.Relative), Ct));
        Assert.Equal(2, list.QuerySelectorAll("a.button[href^='/admin/pages/']").Length);

        // The review: page b's image with its stories' regions drawn, then everything created in one step.
        var key = pages[1].UploadKey;
        var review = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri($"/admin/pages/{key}", UriKind.Relative), Ct));
        Assert.Equal("/admin/import/create", review.QuerySelector("form#import-review")!.GetAttribute("action"));
        Assert.NotNull(review.QuerySelector($".import-page img[src^='/admin/pages/{key:D}/image/']"));
        Assert.Equal(3, review.QuerySelectorAll(".import-regions .import-region text").Select(t => t.TextContent).Distinct().Count());
        var image = await editor.GetAsync(new Uri($"/admin/pages/{key}/image/w960.jpg", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.True(image.Headers.CacheControl is { NoStore: true, Private: true }, "an uploaded page is the newsroom's until published");

        using var created = await CreateAsync(editor, review);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/admin/import/result/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await factory.QueryAsync(db => db.EditionPages
            .Where(p => p.Edition!.Date == new DateOnly(2021, 12, 11) && p.Number == pages[1].PageNumber)
            .Select(p => new
            {
                p.Id, Stories = p.Articles.Select(a => a.Id).ToList(),
                Regions = p.Regions.Select(r => r.ArticleId).ToList(),
                Facsimile = db.PageFacsimiles.Where(f => f.EditionPageId == p.Id).Select(f => f.Status).FirstOrDefault(),
            })
            .SingleAsync(Ct));
        Assert.Equal(before + 3, await factory.QueryAsync(db => db.Articles.CountAsync(Ct)));
        Assert.Equal(FacsimileStatus.Attached, page.Facsimile);
        Assert.Equal(page.Stories.Order(), page.Regions.OfType<int>().Distinct().Order());

        // Readers see the page once its edition and stories are published: each story a region of the image.
        await factory.QueryAsync(db => db.Editions.Where(e => e.Date == new DateOnly(2021, 12, 11)).ExecuteUpdateAsync(u => u.SetProperty(e => e.IsPublished, true), Ct));
        await factory.QueryAsync(db => db.Articles.Where(a => page.Stories.Contains(a.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Published).SetProperty(a => a.PublishedAt, DateTime.UtcNow.AddMinutes(-1)), Ct));
        var (publicResponse, publicPage) = await Html.GetAsync(AdminClient.Anonymous(factory), $"/epaper/2021-12-11/{pages[1].PageNumber}");
        Assert.Equal(HttpStatusCode.OK, publicResponse.StatusCode);
        // A story printed in two blocks (or with its photo) has a region for each, all linking to it.
        var links = publicPage.QuerySelectorAll(".facsimile-hotspots a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(page.Stories.Select(id => $"/article/{id}").Order(), links.Distinct().Order());
    }

    [Fact]
    public async Task A_broken_file_in_an_upload_refuses_the_whole_upload_in_Chinese_and_stores_nothing()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        var broken = Fixture("page-a.pdf")[..4000];
        using var response = await UploadAsync(factory, editor, "2021-12-11", ("01.pdf", Fixture("page-b.pdf")), ("02.pdf", broken));

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("02.pdf：" + System.Net.WebUtility.HtmlEncode(ImportInputException.MessageFor(ImportInputReason.PdfBroken)), html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.PageFacsimiles.CountAsync(f => f.ImageSource != FacsimileImageSource.Demo, Ct)));

        using var picture = await UploadAsync(factory, editor, "2021-12-11", ("05.png", Fixture("page-b.png")));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(FacsimileDesk.NoPdfMessage), await picture.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_of_more_pages_than_the_limit_is_refused_naming_the_limit()
    {
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["PageUpload:ProcessInBackground"] = "false" });
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        byte[] pdf;
        using (var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder())
        {
            for (var i = 0; i < FacsimileDesk.MaxPages + 1; i++)
            {
                builder.AddPage(992.1, 1417.3);
            }
            pdf = builder.Build();
        }

        using var response = await UploadAsync(factory, editor, "2021-12-11", ("whole-issue.pdf", pdf));

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(FacsimileDesk.TooManyPagesMessage), html, StringComparison.Ordinal);
        Assert.Contains("100", FacsimileDesk.TooManyPagesMessage, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.PageFacsimiles.CountAsync(f => f.ImageSource != FacsimileImageSource.Demo, Ct)));
    }

    [Fact]
    public async Task Only_editors_upload_pages_and_a_discarded_upload_is_gone()
    {
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["PageUpload:ProcessInBackground"] = "false" });
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(new Uri("/admin/pages", UriKind.Relative), Ct)).StatusCode);
        using var uploaded = await UploadAsync(factory, editor, "2021-12-11", ("03.pdf", Fixture("page-b.pdf")));
        var key = await factory.QueryAsync(db => db.PageFacsimiles.Where(f => f.FileName == "03.pdf").Select(f => f.UploadKey).SingleAsync(Ct));
        Assert.Equal(3, await factory.QueryAsync(db => db.PageFacsimiles.Where(f => f.UploadKey == key).Select(f => f.PageNumber).SingleAsync(Ct)));

        using var discarded = await AdminClient.PostFormAsync(editor, "/admin/pages", $"/admin/pages/{key}/discard", []);

        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.PageFacsimiles.AnyAsync(f => f.UploadKey == key, Ct)));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "page.upload-discard", Ct)));
    }

    [Fact]
    public async Task A_story_published_online_first_is_linked_instead_of_drafted_and_gets_its_regions()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var section = await factory.QueryAsync(db => db.Sections.Select(s => s.Id).FirstAsync(Ct));
        var title = new PrintPageImporter().ImportPdf(Fixture("page-b.pdf")).Articles[0].Title;
        var online = await AdminClient.CreateStoryAsync(editor, section, title);
        var before = await factory.QueryAsync(db => db.Articles.CountAsync(Ct));

        using var uploaded = await UploadAsync(factory, editor, "2021-12-16", ("page-b.pdf", Fixture("page-b.pdf")), ("page-b.png", Fixture("page-b.png")));
        await WaitForProcessingAsync(factory);
        var key = await factory.QueryAsync(db => db.PageFacsimiles.Where(f => f.EditionDate == new DateOnly(2021, 12, 16)).Select(f => f.UploadKey).SingleAsync(Ct));
        var review = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri($"/admin/pages/{key}", UriKind.Relative), Ct));

        // The story with the same title is offered for the first article; choosing it creates no draft for it.
        var offered = review.QuerySelector($"select#link-0 option[value='{online}']");
        Assert.NotNull(offered);
        Assert.Contains("标题相同", offered!.TextContent, StringComparison.Ordinal);
        var linkTo = 0;
        using var created = await CreateAsync(editor, review, (name, value) => name == "LinkTo" && linkTo++ == 0 ? online.ToString(CultureInfo.InvariantCulture) : value);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(before + 2, await factory.QueryAsync(db => db.Articles.CountAsync(Ct)));
        var placed = await factory.QueryAsync(db => db.Articles.Where(a => a.Id == online)
            .Select(a => new { a.Title, a.Body, Page = a.EditionPage!.Number, Date = a.EditionPage.Edition!.Date, Regions = db.EditionPageRegions.Count(r => r.ArticleId == a.Id) })
            .SingleAsync(Ct));
        Assert.Equal(new DateOnly(2021, 12, 16), placed.Date);
        Assert.True(placed.Regions > 0, "the linked story got its regions on the page image");
        Assert.Equal("各单位把文明创建融入日常工作，群众满意度持续提升。", placed.Body);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "article.import-linked" && a.EntityId == online.ToString(CultureInfo.InvariantCulture), Ct)));
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, IDocument review, Func<string, string, string>? change = null)
    {
        var form = review.QuerySelector("form#import-review")!;
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            var value = input.LocalName == "select"
                ? (input.QuerySelector("option[selected]") ?? input.QuerySelector("option"))?.GetAttribute("value") ?? string.Empty
                : input.GetAttribute("type") == "checkbox" ? input.GetAttribute("value") ?? "on" : input.GetAttribute("value") ?? string.Empty;
            content.Add(new StringContent(change is null ? value : change(name, value)), name);
        }
        return await client.PostAsync(new Uri("/admin/import/create", UriKind.Relative), content, Ct);
    }
}
