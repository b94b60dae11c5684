using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Precheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Scheduling;

/// <summary>
/// Publishes every scheduled story whose time has come, exactly once across all app instances:
/// the claim is one atomic UPDATE that only matches rows still in 已排期, stamped with this run's
/// claim id; only the instance whose UPDATE changed a row records its publication.
/// A story whose time passed while no instance ran is published on the next check (catch-up).
/// Each due story passes the pre-publish check (<see cref="PublishCheck"/>) first, as it is saved at that moment:
/// one with an error is not published but put back to 已通过 (its schedule cleared) by the system, with the
/// check's errors as the transition's reason and an audit entry (article.schedule-held), logged as a warning
/// and listed on the dashboard until an editor deals with it. Warnings do not hold a story: the editor who
/// scheduled it saw them.
/// </summary>
public sealed partial class ScheduledPublisher(NewsDbContext db, TimeProvider clock, ILogger<ScheduledPublisher> logger)
{
    /// <summary>The transition reason that marks a story the scheduler held back; the dashboard lists them.</summary>
    public const string HeldReasonPrefix = "定时发布未执行：发布前检查未通过：";

    private readonly PublishCheck _check = new(db, clock);

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
        var due = await db.Articles
            .Where(a => a.Status == ArticleStatus.Scheduled && a.ScheduledAt != null && a.ScheduledAt <= now)
            .Select(a => new { a.Id, a.Title, a.Version }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var claimed = 0;
        foreach (var story in due)
        {
            // Each UPDATE matches only the version that was checked: a story edited since (or claimed by another
            // instance) is left for the next tick, when it is checked again.
            var report = await _check.CheckArticleAsync(story.Id, cancellationToken).ConfigureAwait(false);
            if (report is { HasErrors: true })
            {
                await HoldAsync(story.Id, story.Title, story.Version, report, now, cancellationToken).ConfigureAwait(false);
                continue;
            }
            claimed += await db.Articles
                .Where(a => a.Id == story.Id && a.Status == ArticleStatus.Scheduled && a.Version == story.Version && a.ScheduledAt != null && a.ScheduledAt <= now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Status, ArticleStatus.Published)
                    .SetProperty(a => a.PublishedAt, a => a.ScheduledAt)
                    .SetProperty(a => a.PublishClaim, claim)
                    .SetProperty(a => a.Version, Guid.NewGuid())
                    .SetProperty(a => a.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        }
        if (claimed == 0)
        {
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
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

    /// <summary>Puts a due story that fails the check back to 已通过, recorded as the system's step with the errors as its reason.</summary>
    private async Task HoldAsync(int id, string title, Guid version, PrecheckReport report, DateTime now, CancellationToken cancellationToken)
    {
        var held = await db.Articles
            .Where(a => a.Id == id && a.Status == ArticleStatus.Scheduled && a.Version == version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, ArticleStatus.Approved)
                .SetProperty(a => a.ScheduledAt, (DateTime?)null)
                .SetProperty(a => a.Version, Guid.NewGuid())
                .SetProperty(a => a.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        if (held == 0)
        {
            return;
        }
        var reason = HeldReasonPrefix + report.ErrorSummary;
        db.ArticleTransitions.Add(new ArticleTransition
        {
            ArticleId = id, From = ArticleStatus.Scheduled, To = ArticleStatus.Approved,
            UserName = AuditActor.System.Name, Reason = reason.Length > 1000 ? reason[..1000] : reason, At = now,
        });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, UserName = AuditActor.System.Name, Action = "article.schedule-held",
            EntityType = "Article", EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details = reason.Length > 2000 ? reason[..2000] : reason,
        });
        LogHeld(logger, id, title, report.Errors.Count, report.ErrorSummary);
    }

    [LoggerMessage(EventId = 5482, Level = LogLevel.Warning, Message = "Scheduled story {ArticleId} {Title} not published: the pre-publish check found {ErrorCount} error(s): {Errors}")]
    private static partial void LogHeld(ILogger logger, int articleId, string title, int errorCount, string errors);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Published scheduled story {ArticleId} {Title}")]
    private static partial void LogPublished(ILogger logger, int articleId, string title);
}
