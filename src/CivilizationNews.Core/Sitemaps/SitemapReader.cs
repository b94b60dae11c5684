using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Sitemaps;

/// <summary>One URL of a sitemap: a canonical path and when its page last changed.</summary>
public sealed record SitemapUrl(string Path, DateTime? LastModified);

/// <summary>A China-time calendar month that has published stories.</summary>
public sealed record SitemapMonth(int Year, int Month, int Count, DateTime LastModified);

/// <summary>A story in the news sitemap.</summary>
public sealed record NewsSitemapEntry(int Id, string Title, DateTime PublishedAt, IReadOnlyList<string> Keywords);

/// <summary>Reads for the sitemaps: published content only, with when each page last changed.</summary>
public sealed class SitemapReader(NewsDbContext db, TimeProvider clock)
{
    /// <summary>Google News reads stories published in the last two days.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    /// <summary>Months (China time) with published stories, newest first.</summary>
    public async Task<IReadOnlyList<SitemapMonth>> StoryMonthsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Two dates per story: grouping by China-time month in memory keeps the query provider-neutral,
        // and a city daily's whole archive is a few hundred kilobytes of them.
        var dates = await db.Articles.PublishedAt(now)
            .Select(a => new { PublishedAt = a.PublishedAt!.Value, a.UpdatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return dates
            .GroupBy(d => { var local = ChinaTime.ToChina(d.PublishedAt); return (local.Year, local.Month); })
            .OrderByDescending(g => g.Key)
            .Select(g => new SitemapMonth(g.Key.Year, g.Key.Month, g.Count(), g.Max(d => Later(d.PublishedAt, d.UpdatedAt))))
            .ToList();
    }

    /// <summary>The stories published in one China-time month, oldest first.</summary>
    public async Task<IReadOnlyList<SitemapUrl>> StoriesInMonthAsync(int year, int month, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = ChinaTime.ToUtc(new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var to = ChinaTime.ToUtc(new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1));
        var rows = await db.Articles.PublishedAt(now).Where(a => a.PublishedAt >= from && a.PublishedAt < to)
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, PublishedAt = a.PublishedAt!.Value, a.UpdatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new SitemapUrl(PublicPaths.Article(r.Id), Later(r.PublishedAt, r.UpdatedAt))).ToList();
    }

    /// <summary>Home, the unit directory, the e-paper archive and the published features.</summary>
    public async Task<IReadOnlyList<SitemapUrl>> PagesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var latest = await db.Articles.PublishedAt(now).MaxAsync(a => a.PublishedAt, cancellationToken).ConfigureAwait(false);
        var latestEdition = await db.Editions.Where(e => e.IsPublished).MaxAsync(e => (DateTime?)e.UpdatedAt, cancellationToken).ConfigureAwait(false);
        var features = await db.Features.Where(f => f.IsPublished && f.PublishedAt <= now).OrderBy(f => f.PublishedAt)
            .Select(f => new { f.Slug, f.UpdatedAt, f.PublishedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            new SitemapUrl(PublicPaths.Home, latest),
            new SitemapUrl(PublicPaths.UnitDirectory, null),
            new SitemapUrl(PublicPaths.EpaperArchive, latestEdition),
            .. features.Select(f => new SitemapUrl(PublicPaths.Feature(f.Slug), Later(f.PublishedAt ?? f.UpdatedAt, f.UpdatedAt))),
        ];
    }

    public async Task<IReadOnlyList<SitemapUrl>> SectionsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Sections.OrderBy(s => s.SortOrder)
            .Select(s => new
            {
                s.Slug,
                Latest = s.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null && a.PublishedAt <= now)
                    .Max(a => a.PublishedAt),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new SitemapUrl(PublicPaths.Section(r.Slug), r.Latest)).ToList();
    }

    /// <summary>Every unit: a profile is worth indexing for its description and honours even before any coverage.</summary>
    public async Task<IReadOnlyList<SitemapUrl>> UnitsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Units.OrderBy(u => u.Slug)
            .Select(u => new
            {
                u.Slug, u.UpdatedAt,
                Latest = u.Articles.Where(x => x.Article!.Status == ArticleStatus.Published && x.Article.PublishedAt != null && x.Article.PublishedAt <= now)
                    .Max(x => x.Article!.PublishedAt),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new SitemapUrl(PublicPaths.Unit(r.Slug), r.Latest is { } l ? Later(l, r.UpdatedAt) : r.UpdatedAt)).ToList();
    }

    /// <summary>Contributors with at least one published story (an empty byline page is not worth a crawl).</summary>
    public async Task<IReadOnlyList<SitemapUrl>> ContributorsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Contributors.OrderBy(c => c.Slug)
            .Select(c => new
            {
                c.Slug,
                Latest = db.Articles
                    .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null && a.PublishedAt <= now
                        && (a.Credits.Any(x => x.ContributorId == c.Id) || a.Photos.Any(p => p.Media!.CreditContributorId == c.Id)))
                    .Max(a => a.PublishedAt),
            })
            .Where(r => r.Latest != null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new SitemapUrl(PublicPaths.Contributor(r.Slug), r.Latest)).ToList();
    }

    /// <summary>Each published edition and each of its pages, oldest first.</summary>
    public async Task<IReadOnlyList<SitemapUrl>> EditionsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Editions.Where(e => e.IsPublished).OrderBy(e => e.Date)
            .Select(e => new { e.Date, e.UpdatedAt, Pages = e.Pages.OrderBy(p => p.Number).Select(p => p.Number).ToList() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows
            .SelectMany(e => e.Pages.Select(p => new SitemapUrl(PublicPaths.EditionPage(e.Date, p), e.UpdatedAt))
                .Prepend(new SitemapUrl(PublicPaths.Edition(e.Date), e.UpdatedAt)))
            .ToList();
    }

    /// <summary>Stories published within <see cref="NewsWindow"/> of now, newest first.</summary>
    public async Task<IReadOnlyList<NewsSitemapEntry>> RecentNewsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - NewsWindow;
        var rows = await db.Articles.PublishedAt(now).Where(a => a.PublishedAt >= since).Newest()
            .Select(a => new { a.Id, a.Title, PublishedAt = a.PublishedAt!.Value, Tags = a.Tags.Select(t => t.Tag!.Name).ToList() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new NewsSitemapEntry(r.Id, r.Title, r.PublishedAt, r.Tags)).ToList();
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}
