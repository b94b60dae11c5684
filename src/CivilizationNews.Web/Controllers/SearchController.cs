using System.Globalization;
using CivilizationNews.Core.Search;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilizationNews.Web.Controllers;

/// <summary>
/// /search: full-text search over published stories with section, unit, date-range and edition
/// filters. Every query is answered with a page (bad or empty queries included); values that name
/// nothing are ignored. Search pages are not for search engines (noindex).
/// </summary>
/// <remarks>
/// Not output-cached: results follow every publish and the query space is unbounded. Rate-limited
/// per client address (RateLimits:SearchPerMinute).
/// </remarks>
public sealed class SearchController(IStorySearch search, SearchFilterReader filters) : PortalController
{
    [HttpGet("/search"), EnableRateLimiting(RateLimits.Search), OutputCache(NoStore = true)]
    public async Task<IActionResult> Index([FromQuery] string? q, [FromQuery] string? section, [FromQuery] string? unit,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? edition, [FromQuery] string? page,
        CancellationToken cancellationToken)
    {
        if (ParsePage(page) is not { } number || number > StorySearch.MaxPage)
        {
            return NotFoundPage();
        }
        Response.Headers["X-Robots-Tag"] = "noindex";

        var request = new SearchRequest(q, Slug(section), Slug(unit), Date(from), Date(to), Date(edition), number);
        var results = await search.SearchAsync(request, cancellationToken);
        var choices = await filters.ReadAsync(cancellationToken);

        var title = results.Query.Text.Length > 0 ? $"“{results.Query.Text}”的搜索结果" : "搜索";
        if (results.Page > 1)
        {
            title += $"（第{results.Page}页）";
        }
        SetMeta(new PageMeta(title, "搜索本报报道：单位、活动、人名，按栏目、单位、日期和版面筛选。"));
        return View(new SearchPageModel(results, choices.Sections, choices.Units, PageBaseUrl(results)));
    }

    /// <summary>A slug is short and plain; anything else names nothing and is ignored.</summary>
    private static string? Slug(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > 100 ? null : value.Trim();

    private static DateOnly? Date(string? value) =>
        value is { Length: 10 } && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 2999
            ? date : null;

    /// <summary>The results' address without its page number: only the parameters that were applied.</summary>
    private string PageBaseUrl(SearchResults results)
    {
        var query = new List<KeyValuePair<string, string?>> { new("q", results.Query.Text) };
        var f = results.Filters;
        if (f.Section is not null)
        {
            query.Add(new("section", f.Section.Slug));
        }
        if (f.Unit is not null)
        {
            query.Add(new("unit", f.Unit.Slug));
        }
        if (f.From is { } fromDate)
        {
            query.Add(new("from", EpaperController.Format(fromDate)));
        }
        if (f.To is { } toDate)
        {
            query.Add(new("to", EpaperController.Format(toDate)));
        }
        if (f.EditionDate is { } editionDate)
        {
            query.Add(new("edition", EpaperController.Format(editionDate)));
        }
        return Url.Action(nameof(Index)) + QueryString.Create(query).ToUriComponent();
    }
}
