using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Editing;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>
/// The editor page: the form's own fields (so that asp-for names them Title, Body, SectionId as posted) plus the
/// page around it. <see cref="Conflict"/> is set after a save over someone else's newer one: the form keeps the
/// editor's input and carries the saved Version, and the saved version is shown beside it.
/// </summary>
public sealed record EditorPage : ArticleForm
{
    public EditorPage(ArticleForm form, ArticleEditor editor, ArticleConflict? conflict = null)
        : base(form)
    {
        Editor = editor;
        Conflict = conflict;
    }

    public ArticleEditor Editor { get; }

    public ArticleConflict? Conflict { get; }

    /// <summary>The correction fields (更正) of a published story, kept after a refusal.</summary>
    public CorrectionInput Correction { get; init; } = new();
}

public sealed record ArticleListPage(PagedList<ArticleListRow> Rows, ArticleStatus? Status);

