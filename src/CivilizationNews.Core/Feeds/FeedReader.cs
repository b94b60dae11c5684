using System.Linq.Expressions;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Reading;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Feeds;

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

    /// <summary>更正 appended since publication, oldest first; the entry's updated date moves with each.</summary>
    public IReadOnlyList<CorrectionView> Corrections { get; init; } = [];
}

/// <summary>What a feed is about (a section, a unit, …) and its stories, newest first or in print order.</summary>
public sealed record FeedChannel(string Name, string? Description, IReadOnlyList<FeedStory> Stories);

/// <summary>An edition's feed: the stories of the day's paper in page order.</summary>
public sealed record EditionFeed(DateOnly Date, int Number, IReadOnlyList<FeedStory> Stories);

/// <summary>Reads for the RSS and Atom feeds: published stories only, projected into flat records.</summary>
public sealed class FeedReader(NewsDbContext db, TimeProvider clock)
{
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
                a => db.ArticleUnits.Where(l => l.UnitId == unit.Id).Select(l => l.ArticleId).Contains(a.Id), count, cancellationToken).ConfigureAwait(false);
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
            : await ChannelAsync(tag.Name, $"与“{tag.Name}”相关的报道", a => db.ArticleTags.Where(l => l.TagId == tag.Id).Select(l => l.ArticleId).Contains(a.Id), count, cancellationToken).ConfigureAwait(false);
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
                HasCorrections = a.Corrections.Any(),
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
        // Corrected stories are few: their corrections cost a query only when the feed holds one.
        var corrected = rows.Where(r => r.HasCorrections).Select(r => r.Id).ToList();
        var corrections = corrected.Count == 0 ? [] : await ArticleReader.CorrectionsAsync(db, corrected, cancellationToken).ConfigureAwait(false);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new FeedStory(
                r.Id, r.Kicker, r.Title, r.Subtitle, r.Summary, r.Body, r.Dateline, r.PublishedAt, r.UpdatedAt, r.Section,
                ArticleReader.GroupCredits(r.Credits.Select(c => (c.Role, c.Name, c.Slug))),
                r.Tags, r.PhotoId is { } photo ? images.GetValueOrDefault(photo) : null, r.Placement)
            {
                Corrections = corrections.GetValueOrDefault(r.Id) ?? [],
            })
            .ToList();
    }
}
