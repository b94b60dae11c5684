using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

public sealed record SectionHeadlines(SectionRef Section, IReadOnlyList<ArticleCard> Articles);

public sealed record UnitInNews(string Slug, string ShortName, string KindLabel, int StoryCount);

public sealed record HomeView(
    FeatureTeaser? Feature, IReadOnlyList<ArticleCard> Latest, IReadOnlyList<SectionHeadlines> Sections,
    IReadOnlyList<UnitInNews> Units, DateOnly? LatestEdition);

/// <summary>The home page: the lead feature, the latest stories, each section's newest and the units in the news.</summary>
public sealed class HomeReader(NewsDbContext db, FeatureReader features, EditionReader editions, TimeProvider clock)
{
    public const int LatestCount = 8;
    public const int PerSection = 4;
    public const int UnitCount = 12;

    public async Task<HomeView> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var feature = await features.HomeFeatureAsync(cancellationToken).ConfigureAwait(false);
        var exclude = feature is null ? [] : feature.Sidebars.Select(s => s.Id).Append(feature.Lead.Id).ToList();

        var latest = await db.Articles.PublishedAt(now).Where(a => !exclude.Contains(a.Id))
            .Newest().Take(LatestCount).Select(ArticleProjections.Card)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // One query: each section with its newest cards (EF turns the inner Take into a window function).
        var sections = await db.Sections.OrderBy(s => s.SortOrder)
            .Select(s => new
            {
                Ref = new SectionRef(s.Slug, s.Name),
                Ids = s.Articles
                    .Where(a => a.Status == Articles.ArticleStatus.Published && a.PublishedAt != null && a.PublishedAt <= now)
                    .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
                    .Take(PerSection).Select(a => a.Id).ToList(),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var sectionIds = sections.SelectMany(s => s.Ids).ToList();
        var cards = await db.Articles.Where(a => sectionIds.Contains(a.Id)).Select(ArticleProjections.Card)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = cards.ToDictionary(c => c.Id);

        var units = await db.Units
            .Select(u => new
            {
                u.Slug, u.ShortName, u.Kind,
                Count = u.Articles.Count(x => x.Article!.Status == Articles.ArticleStatus.Published && x.Article.PublishedAt <= now),
                Last = u.Articles.Where(x => x.Article!.Status == Articles.ArticleStatus.Published && x.Article.PublishedAt <= now)
                    .Max(x => x.Article!.PublishedAt),
            })
            .Where(u => u.Count > 0)
            .OrderByDescending(u => u.Last).ThenByDescending(u => u.Count)
            .Take(UnitCount)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return new HomeView(
            feature, latest,
            sections.Where(s => s.Ids.Count > 0)
                .Select(s => new SectionHeadlines(s.Ref, s.Ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList()))
                .ToList(),
            units.Select(u => new UnitInNews(u.Slug, u.ShortName, Units.UnitKinds.Label(u.Kind), u.Count)).ToList(),
            await editions.LatestDateAsync(cancellationToken).ConfigureAwait(false));
    }
}
