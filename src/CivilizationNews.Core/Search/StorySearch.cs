using System.Data.Common;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Search;

/// <summary>
/// Search over published stories, the same for both providers: the query is parsed and made safe
/// (<see cref="SearchQuery"/>), filters are resolved (unknown ones ignored), the provider's
/// <see cref="SearchStore"/> finds and ranks one page of matches, and the page's headlines and
/// snippets are marked on the original text.
/// </summary>
public sealed partial class StorySearch(NewsDbContext db, TimeProvider clock, ILogger<StorySearch> logger) : IStorySearch
{
    public const int PageSize = 10;
    /// <summary>Results are paged up to this page (500 stories); a reader narrows the query or the filters beyond that.</summary>
    public const int MaxPage = 50;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = SearchQuery.Parse(request.Query, ChineseSegmenter.Shared);
        var filters = await ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var page = Math.Clamp(request.Page, 1, MaxPage);
        if (query.IsEmpty)
        {
            return new SearchResults(query, filters.Applied, [], page, PageSize, 0);
        }

        var plan = new SearchPlan(query, filters.SectionId, filters.UnitId,
            filters.Applied.From is { } from ? ChinaTime.ToUtc(from.ToDateTime(TimeOnly.MinValue)) : null,
            filters.Applied.To is { } to ? ChinaTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null,
            filters.Applied.EditionDate, clock.GetUtcNow().UtcDateTime, (page - 1) * PageSize, PageSize);

        SearchMatches matches;
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            matches = await SearchStore.For(db.Database).FindAsync(db.Database.GetDbConnection(), plan, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // A missing full-text index (SQL Server without Full-Text Search) or a locked database:
            // the page says search is unavailable rather than failing. Logged with the error, so that
            // a bug in the SQL does not pass for an outage.
            LogUnavailable(logger, e, query.Text);
            return new SearchResults(query, filters.Applied, [], page, PageSize, 0, Unavailable: true);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }

        var hits = await HitsAsync(matches.ArticleIds, query, plan.NowUtc, cancellationToken).ConfigureAwait(false);
        return new SearchResults(query, filters.Applied, hits, page, PageSize, matches.TotalCount);
    }

    private async Task<IReadOnlyList<SearchHit>> HitsAsync(IReadOnlyList<int> ids, SearchQuery query, DateTime now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var list = ids.ToList();
        // Three small queries (documents by key, the sections, the stories' primary units) rather than one
        // with correlated subqueries, which SQLite plans poorly.
        var rows = await db.SearchDocuments.AsNoTracking()
            .Where(d => list.Contains(d.ArticleId) && d.PublishedAt <= now)
            .Select(d => new { d.ArticleId, d.Title, d.Kicker, d.Subtitle, d.Summary, d.Body, d.Captions, d.UnitNames, d.PublishedAt, d.EditionDate, d.SectionId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var sections = await db.Sections.AsNoTracking().Select(s => new { s.Id, s.Slug, s.Name })
            .ToDictionaryAsync(s => s.Id, s => new SectionRef(s.Slug, s.Name), cancellationToken).ConfigureAwait(false);
        var units = (await db.ArticleUnits.AsNoTracking()
            .Where(u => list.Contains(u.ArticleId) && u.IsPrimary)
            .Select(u => new { u.ArticleId, u.Unit!.Slug, u.Unit.Name, u.Unit.ShortName })
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(u => u.ArticleId).ToDictionary(g => g.Key, g => new UnitRef(g.First().Slug, g.First().Name, g.First().ShortName));
        var byId = rows.ToDictionary(r => r.ArticleId);
        var words = query.Words;
        var hits = new List<SearchHit>(ids.Count);
        foreach (var id in ids)
        {
            if (!byId.TryGetValue(id, out var r))
            {
                continue;
            }
            var snippet = Highlighter.Snippet(r.Body, words)
                ?? Highlighter.Snippet(r.Summary, words)
                ?? Highlighter.Snippet(r.Subtitle, words)
                ?? Highlighter.Snippet(r.Captions, words)
                ?? Highlighter.Snippet(r.UnitNames, words)
                ?? Highlighter.Lead(r.Summary ?? r.Body);
            hits.Add(new SearchHit(r.ArticleId, Highlighter.Mark(r.Title, words), r.Kicker, r.PublishedAt,
                sections.TryGetValue(r.SectionId, out var section) ? section : new SectionRef(string.Empty, string.Empty),
                units.GetValueOrDefault(r.ArticleId), r.EditionDate, snippet));
        }
        return hits;
    }

    private sealed record ResolvedFilters(SearchFilters Applied, int? SectionId, int? UnitId);

    private async Task<ResolvedFilters> ResolveAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        SectionRef? section = null;
        int? sectionId = null;
        if (!string.IsNullOrWhiteSpace(request.SectionSlug))
        {
            var found = await db.Sections.AsNoTracking().Where(s => s.Slug == request.SectionSlug)
                .Select(s => new { s.Id, s.Slug, s.Name }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                section = new SectionRef(found.Slug, found.Name);
                sectionId = found.Id;
            }
        }
        UnitRef? unit = null;
        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(request.UnitSlug))
        {
            var found = await db.Units.AsNoTracking().Where(u => u.Slug == request.UnitSlug)
                .Select(u => new { u.Id, u.Slug, u.Name, u.ShortName }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                unit = new UnitRef(found.Slug, found.Name, found.ShortName);
                unitId = found.Id;
            }
        }
        var (from, to) = (request.From, request.To);
        if (from is { } f && to is { } t && f > t)
        {
            (from, to) = (to, from);
        }
        return new ResolvedFilters(new SearchFilters(section, unit, from, to, request.EditionDate), sectionId, unitId);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Search failed in the database for {Query}; the page says search is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string query);
}
