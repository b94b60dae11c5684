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

    /// <summary>How many of the newest stories are read to find the units in the news.</summary>
    private const int UnitScan = 400;

    /// <summary>How many of the newest stories are scanned to fill the section blocks.</summary>
    private const int SectionScan = 200;

    public async Task<HomeView> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var feature = await features.HomeFeatureAsync(cancellationToken).ConfigureAwait(false);
        var exclude = feature is null ? [] : feature.Sidebars.Select(s => s.Id).Append(feature.Lead.Id).ToList();

        var latest = await db.Articles.PublishedAt(now).Where(a => !exclude.Contains(a.Id))
            .Newest().Take(LatestCount).Select(ArticleProjections.Card)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Each section's newest stories, from one indexed scan of the newest stories site-wide; a section
        // too quiet to appear among them gets its own indexed query. (A per-section window function
        // would sort every published story of the site on each request.)
        var sectionRefs = await db.Sections.OrderBy(s => s.SortOrder).Select(s => new { s.Id, Ref = new SectionRef(s.Slug, s.Name) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var recent = await db.Articles.PublishedAt(now).Newest().Take(SectionScan).Select(a => new { a.Id, a.SectionId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var sections = new List<(SectionRef Ref, List<int> Ids)>();
        foreach (var section in sectionRefs)
        {
            var ids = recent.Where(r => r.SectionId == section.Id).Take(PerSection).Select(r => r.Id).ToList();
            if (ids.Count < PerSection && recent.Count == SectionScan)
            {
                ids = await db.Articles.PublishedAt(now).Where(a => a.SectionId == section.Id).Newest().Take(PerSection)
                    .Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            }
            sections.Add((section.Ref, ids));
        }
        var sectionIds = sections.SelectMany(s => s.Ids).ToList();
        var cards = await db.Articles.Where(a => sectionIds.Contains(a.Id)).Select(ArticleProjections.Card)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = cards.ToDictionary(c => c.Id);

        // Units in the news: the units of the newest stories, most recent first, then how many stories each has.
        // Read from the newest stories rather than grouped over every link, which at 100,000 stories cost 0.4 s.
        var stats = await UnitsInTheNewsAsync(now, cancellationToken).ConfigureAwait(false);
        var unitIds = stats.Select(s => s.UnitId).ToList();
        var unitRows = await db.Units.Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Slug, u.ShortName, u.Kind })
            .ToDictionaryAsync(u => u.Id, cancellationToken).ConfigureAwait(false);
        var units = stats.Where(s => unitRows.ContainsKey(s.UnitId))
            .Select(s => new { unitRows[s.UnitId].Slug, unitRows[s.UnitId].ShortName, unitRows[s.UnitId].Kind, s.Count }).ToList();

        return new HomeView(
            feature, latest,
            sections.Where(s => s.Ids.Count > 0)
                .Select(s => new SectionHeadlines(s.Ref, s.Ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList()))
                .ToList(),
            units.Select(u => new UnitInNews(u.Slug, u.ShortName, Units.UnitKinds.Label(u.Kind), u.Count)).ToList(),
            await editions.LatestDateAsync(cancellationToken).ConfigureAwait(false));
    }

    private sealed record UnitStat(int UnitId, int Count, DateTime Last);

    private async Task<List<UnitStat>> UnitsInTheNewsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var newest = db.Articles.PublishedAt(now).Newest().Take(UnitScan);
        var recent = await (
                from link in db.ArticleUnits
                join article in newest on link.ArticleId equals article.Id
                select new { link.UnitId, PublishedAt = article.PublishedAt!.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var lastSeen = recent.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.Max(r => r.PublishedAt));
        List<int> candidates;
        if (lastSeen.Count >= UnitCount)
        {
            // Every unit as recent as the twelfth: ties on the last story are broken by the count below.
            var cut = lastSeen.Values.OrderByDescending(d => d).ElementAt(UnitCount - 1);
            candidates = [.. lastSeen.Where(p => p.Value >= cut).Select(p => p.Key)];
        }
        else
        {
            // A small paper: every unit that has a story.
            candidates = await db.ArticleUnits.Select(l => l.UnitId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        var stats = await (
                from link in db.ArticleUnits
                where candidates.Contains(link.UnitId)
                join article in db.Articles on link.ArticleId equals article.Id
                where article.Status == Articles.ArticleStatus.Published && article.PublishedAt <= now
                group article.PublishedAt by link.UnitId into g
                select new { UnitId = g.Key, Count = g.Count(), Last = g.Max() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. stats.Select(x => new UnitStat(x.UnitId, x.Count, x.Last!.Value))
            .OrderByDescending(x => x.Last).ThenByDescending(x => x.Count).Take(UnitCount)];
    }
}
