using System.Linq.Expressions;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Discovery;

/// <summary>The 960 px JPEG rendition of a story's first photo, with its byte length for the feed enclosure.</summary>
public sealed record FeedImage(int MediaId, string Alt, string? Caption, int Width, int Height, long Length);

/// <summary>A story as feeds and the news sitemap describe it.</summary>
public sealed record FeedStory(
    int Id, string? Kicker, string Title, string? Subtitle, string? Summary, string Body, string? Dateline,
    DateTime PublishedAt, DateTime UpdatedAt, SectionRef Section, IReadOnlyList<CreditGroup> Credits,
    IReadOnlyList<string> Tags, FeedImage? Image, PlacementView? Placement)
{
    /// <summary>Never before publication: a story edited while scheduled still reads as modified when published.</summary>
    public DateTime ModifiedAt => UpdatedAt > PublishedAt ? UpdatedAt : PublishedAt;
}

/// <summary>What a feed is about (a section, a unit, …) and its stories, newest first or in print order.</summary>
public sealed record FeedChannel(string Name, string? Description, IReadOnlyList<FeedStory> Stories);

/// <summary>An edition's feed: the stories of the day's paper in page order.</summary>
public sealed record EditionFeed(DateOnly Date, int Number, IReadOnlyList<FeedStory> Stories);

/// <summary>One URL of a sitemap: a canonical path and when its page last changed.</summary>
public sealed record SitemapUrl(string Path, DateTime? LastModified);

/// <summary>A China-time calendar month that has published stories.</summary>
public sealed record SitemapMonth(int Year, int Month, int Count, DateTime LastModified);

/// <summary>A story in the news sitemap.</summary>
public sealed record NewsSitemapEntry(int Id, string Title, DateTime PublishedAt, IReadOnlyList<string> Keywords);

/// <summary>Reads for feeds and sitemaps: published stories only, projected into flat records.</summary>
public sealed class DiscoveryReader(NewsDbContext db, TimeProvider clock)
{
    /// <summary>Google News reads stories published in the last two days.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    public Task<FeedChannel> SiteAsync(int count, CancellationToken cancellationToken = default) =>
        ChannelAsync(string.Empty, null, _ => true, count, cancellationToken);

    public async Task<FeedChannel?> SectionAsync(string slug, int count, CancellationToken cancellationToken = default)
    {
        var section = await db.Sections.Where(s => s.Slug == slug).Select(s => new { s.Id, s.Name, s.Description })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return section is null ? null
            : await ChannelAsync(section.Name, section.Description, a => a.SectionId == section.Id, count, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeedChannel?> UnitAsync(string slug, int count, CancellationToken cancellationToken = default)
    {
        var unit = await db.Units.Where(u => u.Slug == slug).Select(u => new { u.Id, u.Name, u.Kind })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return unit is null ? null
            : await ChannelAsync(unit.Name, $"{unit.Name}（{Units.UnitKinds.Label(unit.Kind)}）的全部报道",
                a => a.Units.Any(u => u.UnitId == unit.Id), count, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeedChannel?> ContributorAsync(string slug, int count, CancellationToken cancellationToken = default)
    {
        var person = await db.Contributors.Where(c => c.Slug == slug).Select(c => new { c.Id, c.Name, c.UsualRole })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        // The same stories as the contributor page: bylines and photo credits.
        return person is null ? null
            : await ChannelAsync(person.Name, $"{Contributors.CreditRoles.Label(person.UsualRole)} {person.Name} 的报道",
                a => a.Credits.Any(c => c.ContributorId == person.Id) || a.Photos.Any(p => p.Media!.CreditContributorId == person.Id),
                count, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeedChannel?> TagAsync(string name, int count, CancellationToken cancellationToken = default)
    {
        var tag = await db.Tags.Where(t => t.Name == name).Select(t => new { t.Id, t.Name })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return tag is null ? null
            : await ChannelAsync(tag.Name, $"与“{tag.Name}”相关的报道", a => a.Tags.Any(t => t.TagId == tag.Id), count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest published edition with its stories in print order (page, then place on the page).</summary>
    public async Task<EditionFeed?> LatestEditionAsync(CancellationToken cancellationToken = default)
    {
        var edition = await db.Editions.Where(e => e.IsPublished).OrderByDescending(e => e.Date)
            .Select(e => new { e.Id, e.Date, e.Number })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (edition is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Articles.PublishedAt(now).Where(a => a.EditionPage!.EditionId == edition.Id)
            .OrderBy(a => a.EditionPage!.Number).ThenBy(a => a.PageOrder).ThenBy(a => a.Id)
            .Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new EditionFeed(edition.Date, edition.Number, await StoriesAsync(ids, cancellationToken).ConfigureAwait(false));
    }

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

    private async Task<FeedChannel> ChannelAsync(
        string name, string? description, Expression<Func<Article, bool>> filter, int count, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Articles.PublishedAt(now).Where(filter).Newest().Take(Math.Clamp(count, 1, FeedOptions.MaxItemCount))
            .Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new FeedChannel(name, description, await StoriesAsync(ids, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The stories with these ids, in the order given.</summary>
    private async Task<IReadOnlyList<FeedStory>> StoriesAsync(List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.Articles.Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Kicker, a.Title, a.Subtitle, a.Summary, a.Body, a.Dateline,
                PublishedAt = a.PublishedAt!.Value, a.UpdatedAt,
                Section = new SectionRef(a.Section!.Slug, a.Section.Name),
                Credits = a.Credits.OrderBy(c => c.SortOrder).Select(c => new { c.Role, c.Contributor!.Name, c.Contributor.Slug }).ToList(),
                Tags = a.Tags.Select(t => t.Tag!.Name).ToList(),
                PhotoId = a.Photos.OrderBy(p => p.SortOrder).Select(p => (int?)p.MediaId).FirstOrDefault(),
                Placement = a.EditionPage == null ? null : new PlacementView(
                    a.EditionPage.Edition!.Date, a.EditionPage.Edition.Number, a.EditionPage.Number, a.EditionPage.Name),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // The enclosure's length is the stored rendition's size: read as a length, never as the bytes.
        var photoIds = rows.Where(r => r.PhotoId != null).Select(r => r.PhotoId!.Value).Distinct().ToList();
        var images = await db.MediaVariants.Where(v => photoIds.Contains(v.MediaId) && v.Name == PublicPaths.FeedPhotoRendition)
            .Select(v => new FeedImage(v.MediaId, v.Media!.AltText, v.Media.Caption, v.Width, v.Height, v.Data.Length))
            .ToDictionaryAsync(i => i.MediaId, cancellationToken).ConfigureAwait(false);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new FeedStory(
                r.Id, r.Kicker, r.Title, r.Subtitle, r.Summary, r.Body, r.Dateline, r.PublishedAt, r.UpdatedAt, r.Section,
                ArticleReader.GroupCredits(r.Credits.Select(c => (c.Role, c.Name, c.Slug))),
                r.Tags, r.PhotoId is { } photo ? images.GetValueOrDefault(photo) : null, r.Placement))
            .ToList();
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}
