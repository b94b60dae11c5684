using System.Globalization;
using CivilizationNews.Core.Articles;

namespace CivilizationNews.Core.Editions;

/// <summary>The edition form as posted. The date is the form's yyyy-MM-dd text, so that <see cref="EditionDesk"/> words a bad one.</summary>
public sealed class EditionInput
{
    public string? Date { get; set; }
    public int? Number { get; set; }
    public bool IsPublished { get; set; }
    /// <summary>The version the editor loaded: a save over a newer one is refused as a conflict.</summary>
    public Guid Version { get; set; }

    public static EditionInput From(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return new() { Date = IsoDate(edition.Date), Number = edition.Number, IsPublished = edition.IsPublished, Version = edition.Version };
    }

    /// <summary>The form's date format (an HTML date input's value).</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

/// <summary>A page (版) of an edition as posted: its number and name.</summary>
public sealed class EditionPageInput
{
    public int? Number { get; set; }
    public string? Name { get; set; }
}

/// <summary>A story to place at the end of a page, by its number.</summary>
public sealed class PlaceStoryInput
{
    public int? ArticleId { get; set; }
}

/// <summary>An edition in the admin list.</summary>
public sealed record EditionRow(int Id, DateOnly Date, int Number, bool IsPublished, int Pages, int Stories);

/// <summary>A story placed on a page, in print order.</summary>
public sealed record PageStoryRow(int Id, string Title, ArticleStatus Status, int PageOrder);

/// <summary>A page of an edition with its stories and how many features are placed on it.</summary>
public sealed record EditionPageRow(int Id, int Number, string Name, IReadOnlyList<PageStoryRow> Stories, int Features);

/// <summary>An edition loaded for editing: what is saved (date and number name the page), the form's values and the pages.</summary>
public sealed record EditionEditing(int Id, DateOnly Date, int Number, EditionInput Input, IReadOnlyList<EditionPageRow> Pages);
