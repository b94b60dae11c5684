using System.Globalization;
using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Core.Time;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CivilizationNews.Web.Controllers;

/// <summary>
/// The digital edition (数字报): /epaper, /epaper/2021-12-10, /epaper/2021-12-10/5 (the page image with its
/// stories as links, and their list), the page's image renditions and PDF, /epaper/archive.
/// </summary>
public sealed class EpaperController(EditionReader editions, PageDocuments documents) : PortalController
{
    [HttpGet("/epaper")]
    public async Task<IActionResult> Latest(CancellationToken cancellationToken)
    {
        if (await editions.LatestDateAsync(cancellationToken) is not { } date)
        {
            return NotFoundPage();
        }
        return await Edition(Format(date), cancellationToken);
    }

    [HttpGet("/epaper/{date}")]
    public async Task<IActionResult> Edition(string date, CancellationToken cancellationToken)
    {
        if (ParseDate(date) is not { } day || await editions.EditionAsync(day, cancellationToken) is not { } edition)
        {
            return NotFoundPage();
        }
        CacheTags(ContentTags.Epaper, ContentTags.Edition(day));
        SetMeta(new PageMeta($"{ChinaTime.FormatShortDate(day)} 第{edition.Number}期 数字报",
            $"{SiteName}{ChinaTime.FormatDate(day)}各版面目录。", PublicPaths.Edition(day)));
        return View("Edition", edition);
    }

    [HttpGet("/epaper/{date}/{page}")]
    public async Task<IActionResult> Page(string date, string page, CancellationToken cancellationToken)
    {
        if (ParseDate(date) is not { } day || ParsePageNumber(page) is not { } number
            || await documents.EditionPageAsync(editions, day, number, cancellationToken) is not { } view)
        {
            return NotFoundPage();
        }
        CacheTags(PageDocuments.EditionPageTags(view));
        SetMeta(new PageMeta($"{ChinaTime.FormatShortDate(day)} 第{view.PageNumber}版 {view.PageName}",
            $"{SiteName}{ChinaTime.FormatDate(day)}第{view.PageNumber}版{view.PageName}。", PublicPaths.EditionPage(day, view.PageNumber)));
        return View("Page", view);
    }

    /// <summary>A rendition of the page's facsimile image; public while the edition is, as photos are.</summary>
    [HttpGet("/epaper/{date}/{page}/image/{name}")]
    public async Task<IActionResult> PageImage(string date, string page, string name, CancellationToken cancellationToken)
    {
        if (ParseDate(date) is not { } day || ParsePageNumber(page) is not { } number || !ImageProcessor.IsRenditionName(name)
            || await editions.PageImageAsync(day, number, name, cancellationToken) is not { } file)
        {
            return NotFound();
        }
        CacheTags(ContentTags.Epaper, ContentTags.Edition(day));
        Response.Headers[HeaderNames.CacheControl] = MediaController.PublicCacheControl;
        return File(file.Data, file.ContentType);
    }

    /// <summary>The page's PDF as printed, downloaded as 河东日报-2021-12-10-第5版.pdf.</summary>
    [HttpGet("/epaper/{date}/{page}/pdf")]
    public async Task<IActionResult> PagePdf(string date, string page, CancellationToken cancellationToken)
    {
        if (ParseDate(date) is not { } day || ParsePageNumber(page) is not { } number
            || await editions.PagePdfAsync(day, number, cancellationToken) is not { } file)
        {
            return NotFoundPage();
        }
        CacheTags(ContentTags.Epaper, ContentTags.Edition(day));
        Response.Headers[HeaderNames.CacheControl] = MediaController.PublicCacheControl;
        return File(file.Data, file.ContentType, PdfDownloadName(SiteName, day, number));
    }

    /// <summary>"河东日报-2021-12-10-第5版.pdf".</summary>
    public static string PdfDownloadName(string siteName, DateOnly date, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{siteName}-{Format(date)}-第{page}版.pdf");

    [HttpGet("/epaper/archive")]
    public async Task<IActionResult> Archive([FromQuery] string? year, CancellationToken cancellationToken)
    {
        int? y = null;
        if (!string.IsNullOrEmpty(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1900 or > 2999)
            {
                return NotFoundPage();
            }
            y = parsed;
        }
        var months = await editions.ArchiveAsync(y, cancellationToken);
        CacheTags(ContentTags.Epaper);
        SetMeta(new PageMeta("往期回顾", $"{SiteName}数字报往期版面，按月份查阅。", PublicPaths.EpaperArchive));
        return View("Archive", new EpaperArchiveModel(months, y));
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int? ParsePageNumber(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 999 ? number : null;

    private static DateOnly? ParseDate(string value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;
}
