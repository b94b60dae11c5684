using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.Controllers;

/// <summary>
/// Base for public page controllers: page metadata, the Chinese not-found page, and output caching
/// tagged by what each page shows (see docs/performance.md).
/// </summary>
[OutputCache(PolicyName = OutputCaching.PublicPolicy)]
[HoldDatabaseConnection]
public abstract class PortalController : Controller
{
    /// <summary>Tags the response with what it shows, so that a change to any of it evicts the page.</summary>
    protected void CacheTags(params IEnumerable<string> tags) => HttpContext.AddCacheTags(tags);

    protected string SiteName => HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.Name;

    protected void SetMeta(PageMeta meta) => ViewData[PageMeta.Key] = meta;

    /// <summary>A 404 rendered with the Chinese not-found page (the status-code page re-executes).</summary>
    protected IActionResult NotFoundPage() => NotFound();

    /// <summary>Parses a ?page= value; anything but a positive number within range is not a page.</summary>
    protected static int? ParsePage(string? page) =>
        string.IsNullOrEmpty(page) ? 1
        : int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
          && n >= 1 && n <= Core.Reading.ListReader.MaxPage ? n : null;
}
