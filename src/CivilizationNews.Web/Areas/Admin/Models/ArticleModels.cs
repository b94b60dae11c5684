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

    /// <summary>发布前检查 of the story as saved, shown beside the workflow buttons (null for a new story).</summary>
    public CivilizationNews.Core.Precheck.PrecheckReport? Check { get; init; }
}

/// <summary>The pre-publish check panel: the report, and whether it is of the unsaved form rather than the saved story.</summary>
public sealed record PrecheckPanel(CivilizationNews.Core.Precheck.PrecheckReport Report, bool Unsaved = false);

public sealed record ArticleListPage(PagedList<ArticleListRow> Rows, ArticleStatus? Status);


/// <summary>敏感词: the list, and the add form (kept as typed after a refusal).</summary>
public sealed record SensitiveWordsPage(IReadOnlyList<CivilizationNews.Core.Precheck.SensitiveWordRow> Words, CivilizationNews.Core.Precheck.SensitiveWordInput Form);
