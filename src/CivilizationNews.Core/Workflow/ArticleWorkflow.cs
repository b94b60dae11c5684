using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Workflow;

public enum WorkflowOutcome
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

public sealed record WorkflowResult(WorkflowOutcome Outcome, string? Message = null)
{
    public static WorkflowResult Ok { get; } = new(WorkflowOutcome.Done);
}

/// <summary>
/// Moves stories through 草稿 → 待审 → 已通过 → 已排期 / 已发布 → 已撤回 / 已归档, enforcing who may
/// take each step, and records every step (who, when, why) with an audit entry in the same transaction.
/// </summary>
public sealed class ArticleWorkflow(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<WorkflowResult> MoveAsync(int articleId, ArticleStatus to, NewsroomUser user, string? reason,
        DateTime? scheduleAtUtc = null, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.AsTracking().FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return new(WorkflowOutcome.NotFound, "稿件不存在。");
        }
        var from = article.Status;
        if (!NewsroomPermissions.AllowedTransitions(user, article.AuthorId, from).Contains(to))
        {
            return new(WorkflowOutcome.Forbidden, $"您不能把稿件从“{from.Label()}”改为“{to.Label()}”。");
        }
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (NewsroomPermissions.NeedsReason(from, to) && reason is null)
        {
            return new(WorkflowOutcome.Invalid, "退回或撤回稿件时，请写明原因。");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        switch (to)
        {
            case ArticleStatus.Scheduled:
                if (scheduleAtUtc is not { } at)
                {
                    return new(WorkflowOutcome.Invalid, "请填写发布时间。");
                }
                if (at <= now)
                {
                    return new(WorkflowOutcome.Invalid, "排期时间必须晚于现在；要立即发布请选择“发布”。");
                }
                article.ScheduledAt = at;
                break;
            case ArticleStatus.Published:
                article.PublishedAt = now;
                article.ScheduledAt = null;
                break;
            case ArticleStatus.Approved when from == ArticleStatus.Scheduled:
                article.ScheduledAt = null;
                break;
        }
        article.Status = to;
        Record(article.Id, from, to, user.Id, user.Name, reason, now);
        audit.Record(user.Actor, $"article.{to.ToString().ToLowerInvariant()}", "Article", article.Id, reason);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(WorkflowOutcome.Conflict, "稿件刚被其他人修改，请刷新后再试。");
        }
        return WorkflowResult.Ok;
    }

    internal void Record(int articleId, ArticleStatus from, ArticleStatus to, string? userId, string userName, string? reason, DateTime at) =>
        db.ArticleTransitions.Add(new ArticleTransition
        {
            ArticleId = articleId, From = from, To = to, UserId = userId, UserName = userName, Reason = reason, At = at,
        });
}
