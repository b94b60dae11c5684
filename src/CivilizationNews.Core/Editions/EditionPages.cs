using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Editions;

/// <summary>Finding an edition page to place things on, making the edition and the page when they do not exist yet.</summary>
internal static class EditionPages
{
    /// <summary>
    /// The tracked page <paramref name="number"/> of the edition of <paramref name="date"/>; a missing edition gets the
    /// next issue number, a missing page the name given (or 第N版). Added to the context, not saved.
    /// </summary>
    public static async Task<EditionPage> FindOrAddAsync(NewsDbContext db, DateOnly date, int number, string? name, CancellationToken cancellationToken)
    {
        var edition = await db.Editions.AsTracking().Include(e => e.Pages).FirstOrDefaultAsync(e => e.Date == date, cancellationToken).ConfigureAwait(false);
        if (edition is null)
        {
            var last = await db.Editions.MaxAsync(e => (int?)e.Number, cancellationToken).ConfigureAwait(false) ?? 0;
            edition = new Edition { Date = date, Number = last + 1 };
            db.Editions.Add(edition);
        }
        var page = edition.Pages.FirstOrDefault(p => p.Number == number);
        if (page is null)
        {
            page = new EditionPage { Number = number, Name = string.IsNullOrWhiteSpace(name) ? $"第{number}版" : name.Trim() };
            edition.Pages.Add(page);
        }
        return page;
    }
}
