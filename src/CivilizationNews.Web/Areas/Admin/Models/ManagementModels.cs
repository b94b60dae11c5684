using System.Globalization;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Units;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>Small parsing helpers shared by the management pages.</summary>
public static class FormValues
{
    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Clean(string? value) => CivilizationNews.Core.Validation.FieldErrors.Clean(value);

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Drops model-binding errors ("The value '' is invalid.") before a form is validated: the management
    /// controllers word every error themselves, in Chinese, so the page never shows the framework's English.
    /// </summary>
    public static void DropBindingErrors(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        modelState.Clear();
    }
}

// ---- Units ----

public sealed record UnitListPage(IReadOnlyList<UnitRow> Rows, string? Query, UnitKind? Kind);

/// <summary>The unit editor. <see cref="Saved"/> is set after a refused stale save: what is in the database now.</summary>
public sealed record UnitEditPage(int? Id, UnitInput Form, int Stories, UnitInput? Saved = null, string? SavedBy = null);

// ---- Catalog: sections, tags, contributors ----

public sealed class SectionForm
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public Guid Version { get; set; }
}

public sealed record SectionRowView(int Id, string Slug, string Name, string? Description, int SortOrder, int Stories);

public sealed record SectionEditPage(int? Id, SectionForm Form, int Stories);

public sealed record TagRowView(int Id, string Name, int Stories);

public sealed record TagListPage(IReadOnlyList<TagRowView> Rows, string? Query, int Page, int PageCount, int Total, IReadOnlyList<ChoiceOption> All);

public sealed class ContributorForm
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public CreditRole UsualRole { get; set; } = CreditRole.Reporter;
    public string? Organisation { get; set; }
    public Guid Version { get; set; }
}

public sealed record ContributorRowView(int Id, string Slug, string Name, CreditRole UsualRole, string? Organisation, int Credits, int Photos);

public sealed record ContributorListPage(IReadOnlyList<ContributorRowView> Rows, string? Query);

public sealed record ContributorEditPage(int? Id, ContributorForm Form, int Credits);

// ---- Editions ----

public sealed class EditionForm
{
    public string? Date { get; set; }
    public int? Number { get; set; }
    public bool IsPublished { get; set; }
    public Guid Version { get; set; }
}

public sealed record EditionRowView(int Id, DateOnly Date, int Number, bool IsPublished, int Pages, int Stories);

public sealed record EditionListPage(IReadOnlyList<EditionRowView> Rows, int Page, int PageCount, EditionForm NewEdition);

public sealed record PageStoryView(int Id, string Title, CivilizationNews.Core.Articles.ArticleStatus Status, int PageOrder);

public sealed record EditionPageView(int Id, int Number, string Name, IReadOnlyList<PageStoryView> Stories, int Features);

public sealed record EditionEditPage(int Id, EditionForm Form, IReadOnlyList<EditionPageView> Pages);
