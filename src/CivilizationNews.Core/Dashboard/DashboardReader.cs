using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Dashboard;

/// <summary>A story in one of the dashboard's lists.</summary>
public sealed record DashboardRow(int Id, string Title, ArticleStatus Status, string Section, DateTime UpdatedAt, DateTime? ScheduledAt, DateTime? PublishedAt, string? AuthorId);

/// <summary>A scheduled story the scheduler did not publish because the pre-publish check found errors at its time.</summary>
public sealed record HeldStoryRow(int Id, string Title, DateTime HeldAt, string? Reason);

/// <summary>工作台 as one member sees it, read at <see cref="Now"/>.</summary>
public sealed record DashboardView(
    IReadOnlyList<DashboardRow> MyDrafts, IReadOnlyList<DashboardRow> WaitingForReview,
    IReadOnlyList<DashboardRow> Scheduled, IReadOnlyList<DashboardRow> RecentlyPublished, DateTime Now)
{
    /// <summary>A scheduled story still unpublished a minute after its time means the scheduler is behind.</summary>
    public bool IsOverdue(DashboardRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.ScheduledAt is { } at && at < Now.AddMinutes(-1);
    }

    /// <summary>Stories the scheduler held back (still 已通过 since): they need an editor.</summary>
    public IReadOnlyList<HeldStoryRow> Held { get; init; } = [];
}

/// <summary>工作台: my drafts, waiting for review and scheduled (all of it for editors, one's own for the rest), recently published.</summary>
public sealed class DashboardReader(NewsDbContext db, TimeProvider clock)
{
    public const int ListSize = 10;

    public async Task<DashboardView> ReadAsync(NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var articles = db.Articles.AsNoTracking();
        // A story is held while the last step it took is the scheduler's 已排期 → 已通过.
        var held = await db.ArticleTransitions
            .Where(t => t.UserId == null && t.From == ArticleStatus.Scheduled && t.To == ArticleStatus.Approved
                && t.Reason != null && t.Reason.StartsWith(Scheduling.ScheduledPublisher.HeldReasonPrefix)
                && t.Article!.Status == ArticleStatus.Approved && (user.IsEditor || t.Article.AuthorId == user.Id)
                && t.Id == db.ArticleTransitions.Where(x => x.ArticleId == t.ArticleId).Max(x => x.Id))
            .OrderByDescending(t => t.At).Take(ListSize)
            .Select(t => new HeldStoryRow(t.ArticleId, t.Article!.Title, t.At, t.Reason))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DashboardView(
            await RowsAsync(articles.Where(a => a.AuthorId == user.Id && a.Status == ArticleStatus.Draft).OrderByDescending(a => a.UpdatedAt), ListSize, cancellationToken).ConfigureAwait(false),
            await RowsAsync(articles.Where(a => a.Status == ArticleStatus.Submitted && (user.IsEditor || a.AuthorId == user.Id)).OrderBy(a => a.UpdatedAt), ListSize, cancellationToken).ConfigureAwait(false),
            // Titles of unpublished stories are newsroom business: editors see the whole schedule, others their own stories in it.
            await RowsAsync(articles.Where(a => a.Status == ArticleStatus.Scheduled && (user.IsEditor || a.AuthorId == user.Id)).OrderBy(a => a.ScheduledAt), ListSize * 2, cancellationToken).ConfigureAwait(false),
            await RowsAsync(articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id), ListSize, cancellationToken).ConfigureAwait(false),
            clock.GetUtcNow().UtcDateTime) { Held = held };
    }

    private static async Task<IReadOnlyList<DashboardRow>> RowsAsync(IQueryable<Article> query, int take, CancellationToken cancellationToken) =>
        await query.Take(take)
            .Select(a => new DashboardRow(a.Id, a.Title, a.Status, a.Section!.Name, a.UpdatedAt, a.ScheduledAt, a.PublishedAt, a.AuthorId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
}
