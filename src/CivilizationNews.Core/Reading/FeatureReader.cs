using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

/// <summary>A story printed in full on the feature page (the lead or a sidebar).</summary>
public sealed record FeatureStory(
    int Id, string? Kicker, string Title, string? Subtitle, string? Summary, string Body, string? Dateline,
    IReadOnlyList<CreditGroup> Credits, UnitRef? PrimaryUnit, IReadOnlyList<KeyFigureView> KeyFigures);

public sealed record BylineGroup(string Role, IReadOnlyList<string> Names);

public sealed record FeatureView(
    string Slug, string Title, string? Summary, DateTime? PublishedAt, FeatureStory Lead,
    IReadOnlyList<FeatureStory> Sidebars, IReadOnlyList<PhotoView> Photos, string BylineLabel,
    IReadOnlyList<BylineGroup> Byline, PlacementView? Placement);

public sealed record FeatureTeaser(string Slug, string Title, string? Summary, ArticleCard Lead, IReadOnlyList<ArticleCard> Sidebars, IReadOnlyList<PhotoView> Photos, PlacementView? Placement);

/// <summary>Reads a feature (专题) as a whole: the lead, its sidebars in order, photos and the page byline.</summary>
public sealed class FeatureReader(NewsDbContext db, TimeProvider clock)
{
    public async Task<FeatureView?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var feature = await db.Features.Where(f => f.Slug == slug && f.IsPublished)
            .Select(f => new
            {
                f.Id, f.Slug, f.Title, f.Summary, f.PublishedAt, f.LeadArticleId, f.BylineLabel,
                SidebarIds = f.Sidebars.OrderBy(s => s.SortOrder).Select(s => s.ArticleId).ToList(),
                Photos = f.Photos.OrderBy(p => p.SortOrder).Select(p => new PhotoView(
                    p.MediaId, p.Media!.AltText, p.Media.Caption,
                    p.Media.CreditContributor != null ? p.Media.CreditContributor.Name : p.Media.CreditText,
                    p.Media.CreditKind, p.Media.Width, p.Media.Height)).ToList(),
                Byline = f.Byline.OrderBy(b => b.SortOrder).Select(b => new { b.Role, b.Name }).ToList(),
                Placement = f.EditionPage == null ? null : new PlacementView(
                    f.EditionPage.Edition!.Date, f.EditionPage.Edition.Number, f.EditionPage.Number, f.EditionPage.Name),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return null;
        }

        var ids = feature.SidebarIds.Append(feature.LeadArticleId).ToList();
        var stories = await db.Articles.PublishedAt(now).Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Kicker, a.Title, a.Subtitle, a.Summary, a.Body, a.Dateline,
                Credits = a.Credits.OrderBy(c => c.SortOrder).Select(c => new { c.Role, c.Contributor!.Name, c.Contributor.Slug }).ToList(),
                Unit = a.Units.Where(u => u.IsPrimary).Select(u => new UnitRef(u.Unit!.Slug, u.Unit.Name, u.Unit.ShortName)).FirstOrDefault(),
                Figures = a.KeyFigures.OrderBy(f => f.SortOrder).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = stories.ToDictionary(s => s.Id, s => new FeatureStory(
            s.Id, s.Kicker, s.Title, s.Subtitle, s.Summary, s.Body, s.Dateline,
            ArticleReader.GroupCredits(s.Credits.Select(c => (c.Role, c.Name, c.Slug))), s.Unit,
            s.Figures.Select(f => new KeyFigureView(f.Label, f.Display, f.SourceText)).ToList()));
        if (!byId.TryGetValue(feature.LeadArticleId, out var lead))
        {
            // A feature whose lead is not public is not public either.
            return null;
        }

        var byline = feature.Byline.GroupBy(b => b.Role)
            .Select(g => new BylineGroup(Contributors.CreditRoles.Label(g.Key), g.Select(b => b.Name).ToList()))
            .ToList();
        return new FeatureView(feature.Slug, feature.Title, feature.Summary, feature.PublishedAt, lead,
            feature.SidebarIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList(),
            feature.Photos, feature.BylineLabel, byline, feature.Placement);
    }

    /// <summary>
    /// The feature the home page leads with: the one placed in the latest edition, or else the newest one.
    /// </summary>
    public async Task<FeatureTeaser?> HomeFeatureAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = db.Features.Where(f => f.IsPublished
            && f.LeadArticle!.Status == Articles.ArticleStatus.Published && f.LeadArticle.PublishedAt <= now);
        var latestDate = await db.Editions.Where(e => e.IsPublished).OrderByDescending(e => e.Date)
            .Select(e => (DateOnly?)e.Date).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var pick = await candidates
            .OrderByDescending(f => f.EditionPage != null && f.EditionPage.Edition!.Date == latestDate)
            .ThenByDescending(f => f.PublishedAt).ThenByDescending(f => f.Id)
            .Select(f => new
            {
                f.Slug, f.Title, f.Summary, f.LeadArticleId,
                SidebarIds = f.Sidebars.OrderBy(s => s.SortOrder).Select(s => s.ArticleId).ToList(),
                Photos = f.Photos.OrderBy(p => p.SortOrder).Select(p => new PhotoView(
                    p.MediaId, p.Media!.AltText, p.Media.Caption,
                    p.Media.CreditContributor != null ? p.Media.CreditContributor.Name : p.Media.CreditText,
                    p.Media.CreditKind, p.Media.Width, p.Media.Height)).ToList(),
                Placement = f.EditionPage == null ? null : new PlacementView(
                    f.EditionPage.Edition!.Date, f.EditionPage.Edition.Number, f.EditionPage.Number, f.EditionPage.Name),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (pick is null)
        {
            return null;
        }
        var ids = pick.SidebarIds.Append(pick.LeadArticleId).ToList();
        var cards = await db.Articles.PublishedAt(now).Where(a => ids.Contains(a.Id))
            .Select(ArticleProjections.Card).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = cards.ToDictionary(c => c.Id);
        return new FeatureTeaser(pick.Slug, pick.Title, pick.Summary, byId[pick.LeadArticleId],
            pick.SidebarIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList(), pick.Photos, pick.Placement);
    }
}
