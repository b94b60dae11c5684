using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

public sealed record EditionPageSummary(int Number, string Name, int StoryCount, IReadOnlyList<string> Headlines);

public sealed record EditionView(DateOnly Date, int Number, IReadOnlyList<EditionPageSummary> Pages, DateOnly? PreviousDate, DateOnly? NextDate);

public sealed record PageStory(int Id, string? Kicker, string Title, string? Subtitle, string? Summary, int Order, PhotoView? Photo);

public sealed record EditionPageView(
    DateOnly Date, int EditionNumber, int PageNumber, string PageName,
    IReadOnlyList<EditionPageSummary> AllPages, IReadOnlyList<PageStory> Stories, FeatureRef? Feature,
    int? PreviousPage, int? NextPage);

public sealed record ArchiveMonth(int Year, int Month, IReadOnlyList<DateOnly> Dates);

/// <summary>The digital edition (数字报): date → pages → the stories on a page, and the archive.</summary>
public sealed class EditionReader(NewsDbContext db, TimeProvider clock)
{
    private const int HeadlinesPerPage = 3;

    public Task<DateOnly?> LatestDateAsync(CancellationToken cancellationToken = default) =>
        db.Editions.Where(e => e.IsPublished).OrderByDescending(e => e.Date)
            .Select(e => (DateOnly?)e.Date).FirstOrDefaultAsync(cancellationToken);

    public async Task<EditionView?> EditionAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var edition = await db.Editions.Where(e => e.IsPublished && e.Date == date)
            .Select(e => new { e.Id, e.Date, e.Number })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (edition is null)
        {
            return null;
        }
        var pages = await PagesAsync(edition.Id, cancellationToken).ConfigureAwait(false);
        var previous = await db.Editions.Where(e => e.IsPublished && e.Date < date).OrderByDescending(e => e.Date)
            .Select(e => (DateOnly?)e.Date).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var next = await db.Editions.Where(e => e.IsPublished && e.Date > date).OrderBy(e => e.Date)
            .Select(e => (DateOnly?)e.Date).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new EditionView(edition.Date, edition.Number, pages, previous, next);
    }

    public async Task<EditionPageView?> PageAsync(DateOnly date, int pageNumber, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var page = await db.EditionPages
            .Where(p => p.Number == pageNumber && p.Edition!.IsPublished && p.Edition.Date == date)
            .Select(p => new { p.Id, p.EditionId, PageNumber = p.Number, p.Name, EditionNumber = p.Edition!.Number })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return null;
        }
        var pages = await PagesAsync(page.EditionId, cancellationToken).ConfigureAwait(false);
        var rows = await db.Articles.PublishedAt(now).Where(a => a.EditionPageId == page.Id)
            .OrderBy(a => a.PageOrder).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Kicker, a.Title, a.Subtitle, a.Summary, a.PageOrder })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var photos = await db.FirstPhotosAsync(rows.Select(r => r.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var stories = rows.Select(a => new PageStory(a.Id, a.Kicker, a.Title, a.Subtitle, a.Summary, a.PageOrder, photos.GetValueOrDefault(a.Id)))
            .ToList();
        var feature = await db.Features.Where(f => f.IsPublished && f.EditionPageId == page.Id)
            .Select(f => new FeatureRef(f.Slug, f.Title)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var index = pages.ToList().FindIndex(p => p.Number == page.PageNumber);
        return new EditionPageView(date, page.EditionNumber, page.PageNumber, page.Name, pages, stories, feature,
            index > 0 ? pages[index - 1].Number : null,
            index >= 0 && index < pages.Count - 1 ? pages[index + 1].Number : null);
    }

    /// <summary>Published edition dates by month, newest month first.</summary>
    public async Task<IReadOnlyList<ArchiveMonth>> ArchiveAsync(int? year = null, CancellationToken cancellationToken = default)
    {
        var query = db.Editions.Where(e => e.IsPublished);
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            query = query.Where(e => e.Date >= from && e.Date <= to);
        }
        var dates = await query.OrderByDescending(e => e.Date).Select(e => e.Date)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return dates.GroupBy(d => (d.Year, d.Month))
            .Select(g => new ArchiveMonth(g.Key.Year, g.Key.Month, g.OrderBy(d => d).ToList()))
            .ToList();
    }

    private async Task<IReadOnlyList<EditionPageSummary>> PagesAsync(int editionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Two indexed queries: a join against every published story would make SQLite scan them all.
        var pageRows = await db.EditionPages.Where(p => p.EditionId == editionId).OrderBy(p => p.Number)
            .Select(p => new { p.Id, p.Number, p.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var pageIds = pageRows.Select(p => (int?)p.Id).ToList();
        var titles = await db.Articles.Where(a => pageIds.Contains(a.EditionPageId))
            .Where(a => a.Status == Articles.ArticleStatus.Published && a.PublishedAt <= now)
            .OrderBy(a => a.PageOrder).ThenBy(a => a.Id)
            .Select(a => new { a.EditionPageId, a.Title })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var pages = pageRows.Select(p => new { p.Number, p.Name, Headlines = titles.Where(t => t.EditionPageId == p.Id).Select(t => t.Title).ToList() });
        return pages.Select(p => new EditionPageSummary(p.Number, p.Name, p.Headlines.Count, p.Headlines.Take(HeadlinesPerPage).ToList())).ToList();
    }
}
