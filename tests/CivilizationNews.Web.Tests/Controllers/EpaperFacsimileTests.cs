using System.Net;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Editions;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace CivilizationNews.Web.Tests.Controllers;

/// <summary>The e-paper page as printed: the page image, its stories' regions (热区) as links, and the page's PDF.</summary>
public sealed class EpaperFacsimileTests
{
    private const string PagePath = "/epaper/2021-12-10/5";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_published_story_on_the_page_is_a_region_of_its_image_and_an_unpublished_one_is_not()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var withdrawn = await factory.QueryAsync(db => db.Articles
            .Where(a => a.EditionPage!.Number == 5 && a.EditionPage.Edition!.Date == new DateOnly(2021, 12, 10))
            .OrderByDescending(a => a.PageOrder).Select(a => new { a.Id, a.Title }).FirstAsync(Ct));
        await factory.QueryAsync(db => db.Articles.Where(a => a.Id == withdrawn.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Withdrawn), Ct));

        var (response, page) = await Html.GetAsync(factory.CreateClient(), PagePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var image = page.QuerySelector(".facsimile img")!;
        Assert.StartsWith(PagePath + "/image/", image.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains("第5版", image.GetAttribute("alt"), StringComparison.Ordinal);
        var listed = page.QuerySelectorAll(".page-story .card-title a").Select(a => (a.GetAttribute("href"), (string?)a.Text().Trim())).ToList();
        var regions = page.QuerySelectorAll(".facsimile-hotspots a").Select(a => (a.GetAttribute("href"), a.GetAttribute("aria-label"))).ToList();
        Assert.Equal(7, listed.Count);
        Assert.Equal(listed, regions);
        Assert.DoesNotContain(regions, r => r.Item2 == withdrawn.Title);
        // The overlay's coordinates are the page's, in PDF points, so it scales with the image.
        var viewBox = page.QuerySelector(".facsimile-hotspots")!.GetAttribute("viewBox")!.Split(' ');
        Assert.Equal(["0", "0"], viewBox[..2]);
        Assert.All(page.QuerySelectorAll(".facsimile-hotspots rect"), r =>
            Assert.True(double.Parse(r.GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture) + double.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)
                <= double.Parse(viewBox[2], System.Globalization.CultureInfo.InvariantCulture)));
        // The page list shows every page that has a facsimile as a thumbnail.
        Assert.Equal(8, page.QuerySelectorAll(".page-list img.page-thumb").Length);
    }

    [Fact]
    public async Task The_page_image_and_pdf_are_served_while_the_edition_is_published_and_not_after()
    {
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["OutputCache:Enabled"] = "false" });
        var client = factory.CreateClient();

        var image = await client.GetAsync(new Uri(PagePath + "/image/w480.jpg", UriKind.Relative), Ct);
        var pdf = await client.GetAsync(new Uri(PagePath + "/pdf", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=86400", image.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("河东日报-2021-12-10-第5版.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Ct)))
        {
            Assert.Equal(1, document.NumberOfPages);
        }

        // Not a rendition, not a page, no facsimile (page 1 of an edition that has none would be), or not published.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(PagePath + "/image/page.png", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/epaper/2021-12-10/x/pdf", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/epaper/2021-12-10/99/image/w480.jpg", UriKind.Relative), Ct)).StatusCode);
        await factory.QueryAsync(db => db.Editions.Where(e => e.Date == new DateOnly(2021, 12, 10))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.IsPublished, false), Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(PagePath + "/image/w480.jpg", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(PagePath + "/pdf", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_page_waiting_for_review_is_not_shown_to_readers()
    {
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["OutputCache:Enabled"] = "false" });
        // The facsimile is back in the upload list (not attached): readers get the text list only.
        await factory.QueryAsync(db => db.PageFacsimiles
            .Where(f => f.EditionPage!.Number == 5 && f.EditionPage.Edition!.Date == new DateOnly(2021, 12, 10))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Status, FacsimileStatus.Ready), Ct));
        var client = factory.CreateClient();

        var (response, page) = await Html.GetAsync(client, PagePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector(".facsimile"));
        Assert.Equal(8, page.QuerySelectorAll(".page-story").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(PagePath + "/pdf", UriKind.Relative), Ct)).StatusCode);
    }
}
