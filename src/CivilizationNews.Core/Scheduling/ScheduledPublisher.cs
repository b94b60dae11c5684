using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Scheduling;

/// <summary>
/// Publishes every scheduled story whose time has come, exactly once across all app instances:
/// the claim is one atomic UPDATE that only matches rows still in 已排期, stamped with this run's
/// claim id; only the instance whose UPDATE changed a row records its publication.
/// A story whose time passed while no instance ran is published on the next check (catch-up).
/// </summary>
public sealed partial class ScheduledPublisher(NewsDbContext db, TimeProvider clock, ILogger<ScheduledPublisher> logger)
{
    public async Task<IReadOnlyList<int>> PublishDueAsync(CancellationToken cancellationToken = default)
    {
        // The claim, the transitions and the stories' search documents (written by SaveChanges) commit together.
        // Their pages are evicted and pushed to search engines by the save path once this commits.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token).ConfigureAwait(false);
            var ids = await ClaimAndRecordAsync(token).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
            return ids;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<int>> ClaimAndRecordAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = Guid.NewGuid();
        var claimed = await db.Articles
            .Where(a => a.Status == ArticleStatus.Scheduled && a.ScheduledAt != null && a.ScheduledAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, ArticleStatus.Published)
                .SetProperty(a => a.PublishedAt, a => a.ScheduledAt)
                .SetProperty(a => a.PublishClaim, claim)
                .SetProperty(a => a.Version, Guid.NewGuid())
                .SetProperty(a => a.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        if (claimed == 0)
        {
            return [];
        }

        var published = await db.Articles.Where(a => a.PublishClaim == claim)
            .Select(a => new { a.Id, a.Title, a.PublishedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var article in published)
        {
            db.ArticleTransitions.Add(new ArticleTransition
            {
                ArticleId = article.Id, From = ArticleStatus.Scheduled, To = ArticleStatus.Published,
                UserName = AuditActor.System.Name, Reason = "定时发布", At = now,
            });
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserName = AuditActor.System.Name, Action = "article.published-on-schedule",
                EntityType = "Article", EntityId = article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Details = article.PublishedAt < now.AddMinutes(-1) ? "补发：排期时间已过" : null,
            });
            LogPublished(logger, article.Id, article.Title);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return published.Select(a => a.Id).ToList();
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Published scheduled story {ArticleId} {Title}")]
    private static partial void LogPublished(ILogger logger, int articleId, string title);
}
