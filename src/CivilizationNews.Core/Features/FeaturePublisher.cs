using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Features;

public enum FeaturePublishOutcome
{
    Done,
    NotFound,
    Forbidden,
    /// <summary>Some stories are not ready; nothing was published. The message lists them.</summary>
    NotReady,
    /// <summary>The feature or one of its stories changed meanwhile (for example the scheduler published it); nothing was written.</summary>
    Conflict,
}

/// <summary>The result of publishing a feature; <see cref="PublishedArticleIds"/> are the stories this call published.</summary>
public sealed record FeaturePublishResult(FeaturePublishOutcome Outcome, string? Message = null, IReadOnlyList<int>? PublishedArticleIds = null);

/// <summary>
/// Publishes a feature (专题) as a whole: the feature and every story in it (the lead and the sidebars)
/// that is 已通过 or 已排期, in one transaction, with a workflow transition and an audit entry for each
/// story. It refuses, publishing nothing, while any story is still 草稿 or 待审 (or has been withdrawn
/// or archived), and lists those stories, so a package never goes out with a hole in it.
/// </summary>
public sealed class FeaturePublisher(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<FeaturePublishResult> PublishAsync(int featureId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsEditor)
        {
            return new(FeaturePublishOutcome.Forbidden, "只有编辑可以发布专题。");
        }
        var feature = await db.Features.AsTracking().Include(f => f.Sidebars)
            .FirstOrDefaultAsync(f => f.Id == featureId, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(FeaturePublishOutcome.NotFound, "专题不存在。");
        }

        var order = feature.Sidebars.OrderBy(s => s.SortOrder).Select(s => s.ArticleId).Prepend(feature.LeadArticleId).Distinct().ToList();
        var articles = await db.Articles.AsTracking().Where(a => order.Contains(a.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var stories = order.Select(id => articles.First(a => a.Id == id)).ToList();

        var blocked = stories.Where(a => a.Status is not (ArticleStatus.Approved or ArticleStatus.Scheduled or ArticleStatus.Published)).ToList();
        if (blocked.Count > 0)
        {
            var list = string.Join("；", blocked.Select(a => $"《{a.Title}》（{a.Status.Label()}）"));
            return new(FeaturePublishOutcome.NotReady,
                $"专题未发布：以下稿件还不能发布，请先审核通过（已撤回或归档的稿件请重新审核或移出专题）：{list}。");
        }

        // The pre-publish check guards this path too: a story with errors keeps the whole feature back.
        var check = new Precheck.PublishCheck(db, clock);
        var failing = new List<string>();
        foreach (var article in stories.Where(a => a.Status != ArticleStatus.Published))
        {
            if (await check.CheckArticleAsync(article.Id, cancellationToken).ConfigureAwait(false) is { HasErrors: true } report)
            {
                failing.Add($"《{article.Title}》：{report.ErrorSummary}");
            }
        }
        if (failing.Count > 0)
        {
            return new(FeaturePublishOutcome.NotReady, $"专题未发布：以下稿件未通过发布前检查，请先修改：{string.Join("；", failing)}。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var published = new List<int>();
        foreach (var article in stories.Where(a => a.Status != ArticleStatus.Published))
        {
            var from = article.Status;
            article.Status = ArticleStatus.Published;
            article.PublishedAt = now;
            article.ScheduledAt = null;
            db.ArticleTransitions.Add(new ArticleTransition
            {
                ArticleId = article.Id, From = from, To = ArticleStatus.Published, UserId = user.Id, UserName = user.Name,
                Reason = $"随专题“{feature.Title}”整体发布", At = now,
            });
            audit.Record(user.Actor, "article.published", "Article", article.Id, $"随专题 #{feature.Id} 整体发布");
            published.Add(article.Id);
        }
        var wasPublished = feature.IsPublished;
        feature.IsPublished = true;
        feature.PublishedAt ??= now;
        // Touch the feature so its Version changes even when it was already published.
        feature.UpdatedAt = now;
        db.Entry(feature).State = EntityState.Modified;
        audit.Record(user.Actor, wasPublished ? "feature.republish" : "feature.publish", "Feature", feature.Id,
            published.Count == 0 ? feature.Title : $"{feature.Title}；同时发布稿件 {string.Join("、", published.Select(id => "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)))}");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(FeaturePublishOutcome.Conflict, "专题或其中的稿件刚被其他人修改（或已由定时任务发布），请刷新后再试。");
        }
        return new(FeaturePublishOutcome.Done, null, published);
    }

    /// <summary>Takes the feature page down; its stories stay as they are (withdraw them one by one if needed).</summary>
    public async Task<FeaturePublishResult> UnpublishAsync(int featureId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsEditor)
        {
            return new(FeaturePublishOutcome.Forbidden, "只有编辑可以撤下专题。");
        }
        var feature = await db.Features.AsTracking().FirstOrDefaultAsync(f => f.Id == featureId, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(FeaturePublishOutcome.NotFound, "专题不存在。");
        }
        feature.IsPublished = false;
        audit.Record(user.Actor, "feature.unpublish", "Feature", feature.Id, feature.Title);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(FeaturePublishOutcome.Done, null, []);
    }
}
