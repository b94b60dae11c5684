using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

public sealed record EditionPageSummary(int Number, string Name, int StoryCount, IReadOnlyList<string> Headlines)
{
    /// <summary>The page's facsimile, when it has one (the page list shows its thumbnail).</summary>
    public FacsimileView? Facsimile { get; init; }
}

/// <summary>
/// A page's facsimile as the reader page draws it: the page size in PDF points (the hotspots' coordinate space),
/// the page image's renditions (JPEG, and WebP when <see cref="HasWebp"/>) and the PDF's size.
/// </summary>
public sealed record FacsimileView(double Width, double Height, IReadOnlyList<FacsimileRendition> Renditions, long PdfLength, bool HasWebp)
{
    /// <summary>The extension the thumbnails use: WebP where stored, else JPEG.</summary>
    public string ThumbnailExtension => HasWebp ? "webp" : "jpg";

    /// <summary>The smallest rendition, for the page list's thumbnails.</summary>
    public FacsimileRendition? Thumbnail => Renditions.Count == 0 ? null : Renditions[0];

    /// <summary>The renditions for the page itself: all but the thumbnail (unless it is the only one).</summary>
    public IReadOnlyList<FacsimileRendition> PageRenditions => Renditions.Count > 1 ? Renditions.Skip(1).ToList() : Renditions;

    /// <summary>The height of an image <paramref name="width"/> pixels wide.</summary>
    public int HeightAt(int width) => Width <= 0 ? 0 : (int)Math.Round(width * Height / Width);
}

/// <summary>A rendition by the width in its name ("w960.webp": 960) and its real width (smaller when the image is).</summary>
public sealed record FacsimileRendition(int Key, int Width);

/// <summary>
/// 热区: a published story's block on the page image, in PDF points; the reader page makes it a link to the story.
/// Regions of stories readers cannot open are not listed.
/// </summary>
public sealed record PageHotspot(int ArticleId, string Title, double X, double Y, double Width, double Height);

public sealed record EditionView(DateOnly Date, int Number, IReadOnlyList<EditionPageSummary> Pages, DateOnly? PreviousDate, DateOnly? NextDate);

public sealed record PageStory(int Id, string? Kicker, string Title, string? Subtitle, string? Summary, int Order, PhotoView? Photo);

public sealed record EditionPageView(
    DateOnly Date, int EditionNumber, int PageNumber, string PageName,
    IReadOnlyList<EditionPageSummary> AllPages, IReadOnlyList<PageStory> Stories, FeatureRef? Feature,
    int? PreviousPage, int? NextPage)
{
    public FacsimileView? Facsimile { get; init; }

    /// <summary>The regions of the page's published stories, in page order.</summary>
    public IReadOnlyList<PageHotspot> Hotspots { get; init; } = [];
}

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
        // A region is a link only to a story readers can open: the published stories listed below the image.
        var titles = rows.ToDictionary(r => r.Id, r => r.Title);
        var regions = await db.EditionPageRegions.Where(r => r.EditionPageId == page.Id && r.ArticleId != null)
            .OrderBy(r => r.Order).Select(r => new { ArticleId = r.ArticleId!.Value, r.X, r.Y, r.Width, r.Height })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new EditionPageView(date, page.EditionNumber, page.PageNumber, page.Name, pages, stories, feature,
            index > 0 ? pages[index - 1].Number : null,
            index >= 0 && index < pages.Count - 1 ? pages[index + 1].Number : null)
        {
            Facsimile = index >= 0 ? pages[index].Facsimile : null,
            Hotspots = regions.Where(r => titles.ContainsKey(r.ArticleId))
                .Select(r => new PageHotspot(r.ArticleId, titles[r.ArticleId], r.X, r.Y, r.Width, r.Height)).ToList(),
        };
    }

    /// <summary>A rendition of a published page's image ("w960.webp"), or null.</summary>
    public Task<MediaFile?> PageImageAsync(DateOnly date, int pageNumber, string name, CancellationToken cancellationToken = default) =>
        db.PageFacsimileImages
            .Where(i => i.Name == name && i.Facsimile!.Status == FacsimileStatus.Attached
                && i.Facsimile.EditionPage!.Number == pageNumber && i.Facsimile.EditionPage.Edition!.IsPublished
                && i.Facsimile.EditionPage.Edition.Date == date)
            .Select(i => new MediaFile(i.ContentType, i.Data))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>A published page's PDF, or null.</summary>
    public Task<MediaFile?> PagePdfAsync(DateOnly date, int pageNumber, CancellationToken cancellationToken = default) =>
        db.PageFacsimiles
            .Where(f => f.Status == FacsimileStatus.Attached && f.EditionPage!.Number == pageNumber
                && f.EditionPage.Edition!.IsPublished && f.EditionPage.Edition.Date == date)
            .Select(f => new MediaFile("application/pdf", f.Pdf))
            .FirstOrDefaultAsync(cancellationToken);

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
        var facsimiles = await FacsimilesAsync(pageIds, cancellationToken).ConfigureAwait(false);
        var pages = pageRows.Select(p => new { p.Id, p.Number, p.Name, Headlines = titles.Where(t => t.EditionPageId == p.Id).Select(t => t.Title).ToList() });
        return pages.Select(p => new EditionPageSummary(p.Number, p.Name, p.Headlines.Count, p.Headlines.Take(HeadlinesPerPage).ToList())
        {
            Facsimile = facsimiles.GetValueOrDefault(p.Id),
        }).ToList();
    }

    /// <summary>The attached facsimiles of some edition pages, by page id, with their renditions smallest first.</summary>
    private async Task<Dictionary<int, FacsimileView>> FacsimilesAsync(List<int?> pageIds, CancellationToken cancellationToken)
    {
        var rows = await db.PageFacsimiles.Where(f => pageIds.Contains(f.EditionPageId) && f.Status == FacsimileStatus.Attached)
            .Select(f => new
            {
                PageId = f.EditionPageId!.Value, f.Width, f.Height, f.PdfLength,
                Images = f.Images.Where(i => i.ContentType == "image/jpeg").Select(i => new { i.Name, i.Width }).ToList(),
                HasWebp = f.Images.Any(i => i.ContentType == "image/webp"),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.PageId, r => new FacsimileView(r.Width, r.Height,
            r.Images.Select(i => new FacsimileRendition(
                    int.Parse(i.Name.AsSpan(1, i.Name.IndexOf('.', StringComparison.Ordinal) - 1), System.Globalization.CultureInfo.InvariantCulture), i.Width))
                .OrderBy(i => i.Key).ToList(), r.PdfLength, r.HasWebp));
    }
}
