using CivilizationNews.Core.Articles;

namespace CivilizationNews.Web.Areas.Admin.Models;

public sealed record ArticleRow(int Id, string Title, ArticleStatus Status, string Section, DateTime UpdatedAt, DateTime? ScheduledAt, DateTime? PublishedAt, string? AuthorId);

public sealed record DashboardModel(
    IReadOnlyList<ArticleRow> MyDrafts, IReadOnlyList<ArticleRow> WaitingForReview,
    IReadOnlyList<ArticleRow> Scheduled, IReadOnlyList<ArticleRow> RecentlyPublished, DateTime Now)
{
    /// <summary>A scheduled story still unpublished a minute after its time means the scheduler is behind.</summary>
    public bool IsOverdue(ArticleRow row) => row.ScheduledAt is { } at && at < Now.AddMinutes(-1);
}
