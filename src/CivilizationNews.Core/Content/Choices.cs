using CivilizationNews.Core.Data;
using CivilizationNews.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Content;

/// <summary>One entry of an admin choice list (a select or a datalist): the id posted and the label shown.</summary>
public sealed record Choice(int Id, string Label);

/// <summary>A library photo offered in a picker: its id, alt text and credit.</summary>
public sealed record PhotoChoice(int Id, string Alt, string? Credit);

/// <summary>
/// The choice lists several admin forms share (the story editor, the feature composer, the media
/// library, the page import), so that a section or a contributor is labelled the same everywhere.
/// </summary>
public static class Choices
{
    /// <summary>How many edition pages a placement select offers, newest edition first.</summary>
    public const int EditionPageLimit = 400;

    public static Task<List<Choice>> SectionChoicesAsync(this NewsDbContext db, CancellationToken cancellationToken = default) =>
        db.Sections.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);

    public static Task<List<Choice>> UnitChoicesAsync(this NewsDbContext db, CancellationToken cancellationToken = default) =>
        db.Units.OrderBy(u => u.Name).Select(u => new Choice(u.Id, u.Name)).ToListAsync(cancellationToken);

    /// <summary>Contributors by name, with their organisation in brackets when they have one: 刘思远（本报）.</summary>
    public static Task<List<Choice>> ContributorChoicesAsync(this NewsDbContext db, CancellationToken cancellationToken = default) =>
        db.Contributors.OrderBy(c => c.Name)
            .Select(c => new Choice(c.Id, c.Organisation == null ? c.Name : c.Name + "（" + c.Organisation + "）"))
            .ToListAsync(cancellationToken);

    /// <summary>Edition pages, newest edition first: 2021年12月10日 第4版 社会.</summary>
    public static async Task<List<Choice>> EditionPageChoicesAsync(this NewsDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pages = await db.EditionPages.OrderByDescending(p => p.Edition!.Date).ThenBy(p => p.Number).Take(EditionPageLimit)
            .Select(p => new { p.Id, p.Edition!.Date, p.Number, p.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return pages.Select(p => new Choice(p.Id, $"{ChinaTime.FormatShortDate(p.Date)} 第{p.Number}版 {p.Name}")).ToList();
    }

    /// <summary>The newest <paramref name="count"/> photos of the library.</summary>
    public static Task<List<PhotoChoice>> RecentPhotoChoicesAsync(this NewsDbContext db, int count, CancellationToken cancellationToken = default) =>
        db.Media.OrderByDescending(m => m.Id).Take(count)
            .Select(m => new PhotoChoice(m.Id, m.AltText, m.CreditContributor != null ? m.CreditContributor.Name : m.CreditText))
            .ToListAsync(cancellationToken);
}
