using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Precheck;
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

    /// <summary>The pre-publish check when it refused the move (errors, or an acknowledgement of warnings that changed since).</summary>
    public PrecheckReport? Check { get; init; }

    /// <summary>The warnings the user acknowledged with the move, as recorded on the transition.</summary>
    public IReadOnlyList<CheckFinding> Acknowledged { get; init; } = [];
}

/// <summary>
/// Moves stories through 草稿 → 待审 → 已通过 → 已排期 / 已发布 → 已撤回 / 已归档, enforcing who may
/// take each step, and records every step (who, when, why) with an audit entry in the same transaction.
/// Submitting, approving, scheduling and publishing run the pre-publish check (<see cref="PublishCheck"/>) on the
/// story as saved: any error refuses the move. Warnings do not block; the user may acknowledge them by posting the
/// report's <see cref="PrecheckReport.WarningsKey"/>, and the acknowledged warnings are recorded on the transition
/// and in the audit entry. An acknowledgement of warnings that have changed since is refused.
/// </summary>
public sealed class ArticleWorkflow(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    private readonly PublishCheck _check = new(db, clock);

    /// <summary>The moves the pre-publish check guards.</summary>
    public static bool IsChecked(ArticleStatus to) =>
        to is ArticleStatus.Submitted or ArticleStatus.Approved or ArticleStatus.Scheduled or ArticleStatus.Published;

    public Task<WorkflowResult> MoveAsync(int articleId, ArticleStatus to, NewsroomUser user, string? reason,
        DateTime? scheduleAtUtc = null, CancellationToken cancellationToken = default) =>
        MoveAsync(articleId, to, user, reason, scheduleAtUtc, acknowledgedWarnings: null, cancellationToken);

    /// <param name="acknowledgedWarnings">The <see cref="PrecheckReport.WarningsKey"/> the user was shown and acknowledged, or null.</param>
    public async Task<WorkflowResult> MoveAsync(int articleId, ArticleStatus to, NewsroomUser user, string? reason,
        DateTime? scheduleAtUtc, string? acknowledgedWarnings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
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
        IReadOnlyList<CheckFinding> acknowledged = [];
        if (IsChecked(to))
        {
            var report = await _check.CheckArticleAsync(articleId, cancellationToken).ConfigureAwait(false) ?? new PrecheckReport([]);
            if (report.HasErrors)
            {
                return new(WorkflowOutcome.Invalid, $"发布前检查未通过，稿件未能{Verb(to)}：{report.ErrorSummary}。请修改后再试。") { Check = report };
            }
            if (!string.IsNullOrEmpty(acknowledgedWarnings))
            {
                if (!string.Equals(acknowledgedWarnings, report.WarningsKey, StringComparison.Ordinal))
                {
                    return new(WorkflowOutcome.Invalid, "发布前检查的提醒已有变化（稿件刚被修改），请重新查看提醒后再确认。") { Check = report };
                }
                acknowledged = report.Warnings;
            }
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
        var acknowledgedText = acknowledged.Count == 0 ? null : string.Join('\n', acknowledged.Select(w => w.Line));
        Record(article.Id, from, to, user.Id, user.Name, reason, now, acknowledgedText);
        var details = acknowledgedText is null ? reason : string.Join("；", new[] { reason, $"已确认发布前检查提醒 {acknowledged.Count} 项：{acknowledgedText.Replace('\n', '；')}" }.OfType<string>());
        audit.Record(user.Actor, $"article.{to.ToString().ToLowerInvariant()}", "Article", article.Id, details);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(WorkflowOutcome.Conflict, "稿件刚被其他人修改，请刷新后再试。");
        }
        return acknowledged.Count == 0 ? WorkflowResult.Ok : WorkflowResult.Ok with { Acknowledged = acknowledged };
    }

    private static string Verb(ArticleStatus to) => to switch
    {
        ArticleStatus.Submitted => "提交审核",
        ArticleStatus.Approved => "审核通过",
        ArticleStatus.Scheduled => "排期",
        _ => "发布",
    };

    internal void Record(int articleId, ArticleStatus from, ArticleStatus to, string? userId, string userName, string? reason, DateTime at,
        string? acknowledgedWarnings = null) =>
        db.ArticleTransitions.Add(new ArticleTransition
        {
            ArticleId = articleId, From = from, To = to, UserId = userId, UserName = userName, Reason = reason, At = at,
            AcknowledgedWarnings = acknowledgedWarnings is { Length: > 2000 } ? acknowledgedWarnings[..2000] : acknowledgedWarnings,
        });
}
