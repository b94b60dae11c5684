using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

public sealed record UnitListItem(string Slug, string Name, string ShortName, string? IndustrySystem, int StoryCount);

public sealed record UnitGroup(UnitKind Kind, string KindLabel, IReadOnlyList<UnitListItem> Units);

public sealed record HonourView(int Year, string Title);

public sealed record UnitProfile(
    string Slug, string Name, string ShortName, string KindLabel, string? IndustrySystem, string? Address,
    string? Description, IReadOnlyList<HonourView> Honours, IReadOnlyList<KeyFigureView> KeyFigures,
    IReadOnlyList<PhotoView> Photos, PagedList<ArticleCard> Coverage);

/// <summary>The unit directory and unit profiles.</summary>
public sealed class UnitReader(NewsDbContext db, ListReader lists, TimeProvider clock)
{
    public const int CoveragePageSize = 20;
    public const int PhotoCount = 8;
    public const int FigureCount = 8;

    public async Task<IReadOnlyList<UnitGroup>> DirectoryAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // One grouped pass over the links, not a count per unit: with a count per unit SQLite may scan every
        // published story once per unit (9 s at 100,000 stories and 300 units with sampled statistics).
        var counts = await db.ArticleUnits
            .Where(x => x.Article!.Status == Articles.ArticleStatus.Published && x.Article.PublishedAt <= now)
            .GroupBy(x => x.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UnitId, x => x.Count, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.Select(u => new { u.Id, u.Kind, u.Slug, u.Name, u.ShortName, u.IndustrySystem })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return units.GroupBy(u => u.Kind).OrderBy(g => g.Key)
            .Select(g => new UnitGroup(g.Key, g.Key.Label(),
                g.Select(u => new UnitListItem(u.Slug, u.Name, u.ShortName, u.IndustrySystem, counts.GetValueOrDefault(u.Id)))
                    .OrderBy(i => i.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), false)).ToList()))
            .ToList();
    }

    public async Task<UnitProfile?> ProfileAsync(string slug, int page, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unit = await db.Units.Where(u => u.Slug == slug)
            .Select(u => new
            {
                u.Id, u.Slug, u.Name, u.ShortName, u.Kind, u.IndustrySystem, u.Address, u.Description,
                Honours = u.Honours.OrderByDescending(h => h.Year).ThenBy(h => h.Id).Select(h => new HonourView(h.Year, h.Title)).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (unit is null)
        {
            return null;
        }
        // The unit's stories as "id in the unit's links", which SQLite reads from the unit's links and the
        // story-status index; written as a.Units.Any(...) it scanned every published story of the site (43 ms at
        // 100,000 stories).
        var stories = db.ArticleUnits.Where(l => l.UnitId == unit.Id).Select(l => l.ArticleId);
        var primaryStories = db.ArticleUnits.Where(l => l.UnitId == unit.Id && l.IsPrimary).Select(l => l.ArticleId);
        var coverage = await lists.PageAsync(a => stories.Contains(a.Id), page, cancellationToken, CoveragePageSize)
            .ConfigureAwait(false);
        if (coverage is null)
        {
            return null;
        }

        var figures = await db.KeyFigures
            .Where(f => f.Article!.Status == Articles.ArticleStatus.Published && f.Article.PublishedAt <= now
                && primaryStories.Contains(f.ArticleId))
            .OrderByDescending(f => f.Article!.PublishedAt).ThenBy(f => f.ArticleId).ThenBy(f => f.SortOrder)
            .Take(FigureCount)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var photos = await db.ArticlePhotos
            .Where(p => p.Article!.Status == Articles.ArticleStatus.Published && p.Article.PublishedAt <= now
                && stories.Contains(p.ArticleId))
            .OrderByDescending(p => p.Article!.PublishedAt).ThenBy(p => p.ArticleId).ThenBy(p => p.SortOrder)
            .Select(p => new PhotoView(p.MediaId, p.Media!.AltText, p.Media.Caption,
                p.Media.CreditContributor != null ? p.Media.CreditContributor.Name : p.Media.CreditText,
                p.Media.CreditKind, p.Media.Width, p.Media.Height))
            .Take(PhotoCount * 2)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return new UnitProfile(
            unit.Slug, unit.Name, unit.ShortName, unit.Kind.Label(), unit.IndustrySystem, unit.Address, unit.Description,
            unit.Honours,
            figures.Select(f => new KeyFigureView(f.Label, f.Display, f.SourceText)).ToList(),
            photos.DistinctBy(p => p.MediaId).Take(PhotoCount).ToList(),
            coverage);
    }
}
