using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Editions;

/// <summary>
/// Puts an uploaded page on its edition page, inside the caller's transaction: the facsimile is attached (replacing
/// the page's earlier one, if any), and each story's regions from the reviewed proposal become the page's regions,
/// linked to the stories created from it.
/// </summary>
internal static class FacsimileAttacher
{
    public const string GoneMessage = "这一版的版面图已被使用或删除，请重新上传版面。";

    /// <param name="articles">The stories created from <paramref name="proposal"/>, index for index.</param>
    /// <exception cref="ImportProposalException">The upload is gone, not ready, or already attached.</exception>
    public static async Task AttachAsync(NewsDbContext db, Guid key, EditionPage page, ImportResult proposal, IReadOnlyList<Article> articles,
        CancellationToken cancellationToken)
    {
        var facsimile = await db.PageFacsimiles.AsTracking()
            .FirstOrDefaultAsync(f => f.UploadKey == key && f.Status == FacsimileStatus.Ready, cancellationToken).ConfigureAwait(false)
            ?? throw new ImportProposalException(GoneMessage);
        await ReplaceAsync(db, facsimile, page, cancellationToken).ConfigureAwait(false);

        var order = await db.EditionPageRegions.Where(r => r.EditionPageId == page.Id).MaxAsync(r => (int?)r.Order, cancellationToken).ConfigureAwait(false) ?? -1;
        var count = Math.Min(proposal.Articles.Count, articles.Count);
        var placed = new List<(int Article, PageRegion Region, PageRegionKind Kind)>();
        for (var i = 0; i < count; i++)
        {
            placed.AddRange(proposal.Articles[i].Regions.Select(r => (i, r, PageRegionKind.Story)));
        }
        // A photo belongs to the story its picture overlaps most (the proposal's JSON does not name it).
        foreach (var photo in proposal.Photos.Where(p => p.Region is not null).Select(p => p.Region!.Value))
        {
            var best = placed.Where(p => p.Kind == PageRegionKind.Story).Select(p => (p.Article, Overlap: Overlap(p.Region, photo)))
                .Where(p => p.Overlap > 0).OrderByDescending(p => p.Overlap).FirstOrDefault();
            if (best.Overlap > 0)
            {
                placed.Add((best.Article, photo, PageRegionKind.Photo));
            }
        }
        foreach (var (index, region, kind) in placed)
        {
            if (Clamp(region, facsimile.Width, facsimile.Height) is { } inside)
            {
                page.Regions.Add(new EditionPageRegion
                {
                    Article = articles[index], Kind = kind, Order = ++order,
                    X = inside.X, Y = inside.Y, Width = inside.Width, Height = inside.Height,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Attaches <paramref name="facsimile"/> to <paramref name="page"/>; the page's earlier facsimile and its regions go.</summary>
    public static async Task ReplaceAsync(NewsDbContext db, PageFacsimile facsimile, EditionPage page, CancellationToken cancellationToken)
    {
        if (page.Id != 0)
        {
            await db.PageFacsimiles.Where(f => f.EditionPageId == page.Id && f.Id != facsimile.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.EditionPageRegions.Where(r => r.EditionPageId == page.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        facsimile.EditionPage = page;
        facsimile.Status = FacsimileStatus.Attached;
        facsimile.ProposalJson = null;
        facsimile.EditionDate = page.Edition?.Date ?? facsimile.EditionDate;
        facsimile.PageNumber = page.Number;
        facsimile.PageName = page.Name;
    }

    private static double Overlap(PageRegion a, PageRegion b) =>
        Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X)) * Math.Max(0, Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y));

    /// <summary>The part of a region inside the page; null when nothing of it is (a region posted from an edited review).</summary>
    internal static PageRegion? Clamp(PageRegion region, double width, double height)
    {
        var x = Math.Clamp(region.X, 0, width);
        var y = Math.Clamp(region.Y, 0, height);
        var right = Math.Clamp(region.Right, 0, width);
        var bottom = Math.Clamp(region.Bottom, 0, height);
        return right - x < 1 || bottom - y < 1 || double.IsNaN(x + y + right + bottom)
            ? null
            : new PageRegion(Math.Round(x, 2), Math.Round(y, 2), Math.Round(right - x, 2), Math.Round(bottom - y, 2));
    }
}
