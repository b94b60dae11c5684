using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tags;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The tabs of 栏目与作者 (sections, tags, contributors): the model of the shared _CatalogTabs partial.</summary>
public enum CatalogTab
{
    Sections,
    Tags,
    Contributors,
}

/// <summary>The section editor. <see cref="Saved"/> is set after a refused stale save: what is in the database now.</summary>
public sealed record SectionEditPage(int? Id, SectionInput Form, int Stories, SectionInput? Saved = null, string? SavedBy = null);

public sealed record TagListPage(PagedList<TagRow> Rows, string? Query, IReadOnlyList<TagChoice> All);

public sealed record ContributorListPage(IReadOnlyList<ContributorRow> Rows, string? Query);

/// <summary>The contributor editor. <see cref="Saved"/> is set after a refused stale save: what is in the database now.</summary>
public sealed record ContributorEditPage(int? Id, ContributorInput Form, int Credits, ContributorInput? Saved = null, string? SavedBy = null);
