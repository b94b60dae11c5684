using System.Globalization;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Time;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The edition list with the new-edition form (suggested, or as posted when it was refused).</summary>
public sealed record EditionListPage(PagedList<EditionRow> Rows, EditionInput NewEdition);

/// <summary>
/// The edition editor: what is saved (<see cref="Edition"/>, which names the page), the form, and after a
/// refused stale save what is in the database now (<see cref="Saved"/>).
/// </summary>
public sealed record EditionEditPage(EditionEditing Edition, EditionInput Form, EditionInput? Saved = null, string? SavedBy = null)
{
    public int Id => Edition.Id;

    public IReadOnlyList<EditionPageRow> Pages => Edition.Pages;

    public string Title => string.Create(CultureInfo.InvariantCulture, $"{ChinaTime.FormatShortDate(Edition.Date)} 第{Edition.Number}期");

    /// <summary>The public digital edition, once the saved edition is public.</summary>
    public string? PublicPath => Edition.Input.IsPublished ? PublicPaths.Edition(Edition.Date) : null;
}
