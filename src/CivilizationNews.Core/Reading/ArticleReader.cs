using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

/// <summary>A story page without its related stories, and the unit and tag ids that choose them.</summary>
internal sealed record StoryContent(ArticleDetail Detail, IReadOnlyList<int> UnitIds, IReadOnlyList<int> TagIds);

/// <summary>Reads one published story with everything its page shows.</summary>
public sealed class ArticleReader(NewsDbContext db, TimeProvider clock)
{
    public const int RelatedCount = 4;

    /// <summary>Whether story <paramref name="id"/> is public now (published, its time come).</summary>
    public Task<bool> IsPublishedAsync(int id, CancellationToken cancellationToken = default) =>
        db.Articles.PublishedAt(clock.GetUtcNow().UtcDateTime).AnyAsync(a => a.Id == id, cancellationToken);

    /// <summary>The story page as it reads now, related stories included, built from the tables (no read document).</summary>
    public async Task<ArticleDetail?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await ReadStoryAsync(id, now, cancellationToken).ConfigureAwait(false) is not { } story)
        {
            return null;
        }
        return story.Detail with { Related = await RelatedAsync(id, story.UnitIds, story.TagIds, now, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>
    /// Everything the story page shows but its related stories (which change whenever any story sharing a unit
    /// or tag is published, so they are read with the page, see <see cref="RelatedAsync"/>), plus the unit and tag
    /// ids that choose them. Null when the story is not public at <paramref name="now"/>.
    /// </summary>
    internal async Task<StoryContent?> ReadStoryAsync(int id, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.Articles.PublishedAt(now).Where(a => a.Id == id)
            .Select(a => new
            {
                a.Id, a.Kicker, a.Title, a.Subtitle, a.Summary, a.Body, a.Dateline,
                PublishedAt = a.PublishedAt!.Value, a.UpdatedAt, a.SectionId,
                Section = new SectionRef(a.Section!.Slug, a.Section.Name),
                Units = a.Units.OrderBy(u => u.SortOrder).Select(u => new UnitRef(u.Unit!.Slug, u.Unit.Name, u.Unit.ShortName)).ToList(),
                UnitIds = a.Units.Select(u => u.UnitId).ToList(),
                Credits = a.Credits.OrderBy(c => c.SortOrder).Select(c => new { c.Role, c.Contributor!.Name, c.Contributor.Slug }).ToList(),
                Photos = a.Photos.OrderBy(p => p.SortOrder).Select(p => new PhotoView(
                    p.MediaId, p.Media!.AltText, p.Media.Caption,
                    p.Media.CreditContributor != null ? p.Media.CreditContributor.Name : p.Media.CreditText,
                    p.Media.CreditKind, p.Media.Width, p.Media.Height)).ToList(),
                Tags = a.Tags.Select(t => t.Tag!.Name).ToList(),
                TagIds = a.Tags.Select(t => t.TagId).ToList(),
                Figures = a.KeyFigures.OrderBy(f => f.SortOrder).ToList(),
                // A scalar in the main query: the corrections themselves are read only for a story that has some.
                HasCorrections = a.Corrections.Any(),
                Placement = a.EditionPage == null ? null : new PlacementView(
                    a.EditionPage.Edition!.Date, a.EditionPage.Edition.Number, a.EditionPage.Number, a.EditionPage.Name),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var (previous, next) = await NeighboursAsync(db, row.Id, row.SectionId, row.PublishedAt, now, cancellationToken).ConfigureAwait(false);
        var feature = await db.Features
            .Where(f => f.IsPublished && (f.LeadArticleId == row.Id || f.Sidebars.Any(s => s.ArticleId == row.Id)))
            .Select(f => new FeatureRef(f.Slug, f.Title))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

        var detail = new ArticleDetail(
            row.Id, row.Kicker, row.Title, row.Subtitle, row.Summary, row.Body, row.Dateline,
            row.PublishedAt, row.UpdatedAt, row.Section, row.Units,
            GroupCredits(row.Credits.Select(c => (c.Role, c.Name, c.Slug))),
            row.Photos, row.Tags,
            row.Figures.Select(f => new KeyFigureView(f.Label, f.Display, f.SourceText)).ToList(),
            row.Placement, feature, previous, next, [])
        {
            Corrections = row.HasCorrections ? (await CorrectionsAsync(db, [row.Id], cancellationToken).ConfigureAwait(false))[row.Id] : [],
        };
        return new StoryContent(detail, row.UnitIds, row.TagIds);
    }

    /// <summary>The stories before and after one in its section, by publication time (then id).</summary>
    internal static async Task<(ArticleLink? Previous, ArticleLink? Next)> NeighboursAsync(NewsDbContext db, int id, int sectionId, DateTime publishedAt,
        DateTime now, CancellationToken cancellationToken)
    {
        var inSection = db.Articles.PublishedAt(now).Where(a => a.SectionId == sectionId);
        var previous = await inSection
            .Where(a => a.PublishedAt < publishedAt || (a.PublishedAt == publishedAt && a.Id < id))
            .Newest().Select(a => new ArticleLink(a.Id, a.Title))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var next = await inSection
            .Where(a => a.PublishedAt > publishedAt || (a.PublishedAt == publishedAt && a.Id > id))
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).Select(a => new ArticleLink(a.Id, a.Title))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return (previous, next);
    }

    /// <summary>
    /// The newest <see cref="RelatedCount"/> public stories sharing a unit or a tag with story <paramref name="id"/>,
    /// as cards, in one command: the ids are chosen in a subquery before the card columns are read (with the
    /// card's columns in the choosing query SQLite computes them for every candidate before sorting).
    /// </summary>
    public async Task<IReadOnlyList<ArticleCard>> RelatedAsync(int id, IReadOnlyList<int> unitIds, IReadOnlyList<int> tagIds, DateTime now,
        CancellationToken cancellationToken = default)
    {
        if (unitIds.Count == 0 && tagIds.Count == 0)
        {
            return [];
        }
        var units = unitIds.ToList();
        var tags = tagIds.ToList();
        var chosen = db.Articles.PublishedAt(now)
            .Where(a => a.Id != id && (a.Units.Any(u => units.Contains(u.UnitId)) || a.Tags.Any(t => tags.Contains(t.TagId))))
            .Newest().Take(RelatedCount).Select(a => a.Id);
        var cards = await db.Articles.Where(a => chosen.Contains(a.Id)).Select(ArticleProjections.Card)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. cards.OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)];
    }

    /// <summary>The corrections of these stories, oldest first, by story (every id given has an entry).</summary>
    internal static async Task<Dictionary<int, IReadOnlyList<CorrectionView>>> CorrectionsAsync(NewsDbContext db, IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken)
    {
        var rows = await db.ArticleCorrections.Where(c => articleIds.Contains(c.ArticleId)).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.ArticleId, View = new CorrectionView(c.CreatedAt, c.Wrong, c.Right) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return articleIds.ToDictionary(id => id, id => (IReadOnlyList<CorrectionView>)rows.Where(r => r.ArticleId == id).Select(r => r.View).ToList());
    }

    /// <summary>Groups credits by role in the order roles first appear: 本报记者 刘思远　通讯员 张晓燕.</summary>
    public static IReadOnlyList<CreditGroup> GroupCredits(IEnumerable<(CreditRole Role, string Name, string Slug)> credits) =>
        credits.GroupBy(c => c.Role)
            .Select(g => new CreditGroup(g.Key.Label(), g.Select(c => new CreditName(c.Name, c.Slug)).ToList()))
            .ToList();
}
