using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;

namespace CivilizationNews.Core.Workflow;

/// <summary>
/// Resource-based rules: what a newsroom member may do with a given story.
/// Editors edit anything; reporters and correspondents edit only their own drafts (and stories sent back to them).
/// </summary>
public static class NewsroomPermissions
{
    private static readonly ArticleStatus[] AuthorEditable = [ArticleStatus.Draft];

    public static bool CanEdit(NewsroomUser user, string? authorId, ArticleStatus status) =>
        user.IsEditor || (authorId == user.Id && AuthorEditable.Contains(status) && (user.IsReporter || user.IsCorrespondent));

    public static bool CanView(NewsroomUser user, string? authorId) => user.IsEditor || authorId == user.Id;

    /// <summary>更正 are appended to published stories by editors (and administrators), never by their authors.</summary>
    public static bool CanCorrect(NewsroomUser user, ArticleStatus status) => user.IsEditor && status == ArticleStatus.Published;

    public static bool CanCreate(NewsroomUser user) => user.IsEditor || user.IsReporter || user.IsCorrespondent;

    /// <summary>The workflow steps a member may take from a state (the scheduler publishes scheduled stories itself).</summary>
    public static IReadOnlyList<ArticleStatus> AllowedTransitions(NewsroomUser user, string? authorId, ArticleStatus from)
    {
        var isAuthor = authorId == user.Id;
        var steps = new List<ArticleStatus>();
        switch (from)
        {
            case ArticleStatus.Draft:
                if (isAuthor || user.IsEditor)
                {
                    steps.Add(ArticleStatus.Submitted);
                }
                break;
            case ArticleStatus.Submitted:
                if (user.IsEditor)
                {
                    steps.AddRange([ArticleStatus.Approved, ArticleStatus.Draft]);
                }
                else if (isAuthor)
                {
                    steps.Add(ArticleStatus.Draft); // take back one's own submission
                }
                break;
            case ArticleStatus.Approved:
                if (user.IsEditor)
                {
                    steps.AddRange([ArticleStatus.Scheduled, ArticleStatus.Published, ArticleStatus.Draft]);
                }
                break;
            case ArticleStatus.Scheduled:
                if (user.IsEditor)
                {
                    steps.AddRange([ArticleStatus.Published, ArticleStatus.Approved]);
                }
                break;
            case ArticleStatus.Published:
                if (user.IsEditor)
                {
                    steps.AddRange([ArticleStatus.Withdrawn, ArticleStatus.Archived]);
                }
                break;
            case ArticleStatus.Withdrawn:
                if (user.IsEditor)
                {
                    steps.AddRange([ArticleStatus.Draft, ArticleStatus.Archived]);
                }
                break;
            case ArticleStatus.Archived:
                if (user.IsEditor)
                {
                    steps.Add(ArticleStatus.Draft);
                }
                break;
        }
        return steps;
    }

    /// <summary>Sending a story back, withdrawing it or reopening it needs a written reason.</summary>
    public static bool NeedsReason(ArticleStatus from, ArticleStatus to) =>
        (to == ArticleStatus.Draft && from is ArticleStatus.Submitted or ArticleStatus.Approved or ArticleStatus.Withdrawn or ArticleStatus.Archived)
        || to == ArticleStatus.Withdrawn;
}
