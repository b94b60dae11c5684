using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.LinkPush;
using CivilizationNews.Core.Reading.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Saving;

/// <summary>
/// What the save path (<see cref="SavePipeline"/>) does for readers and crawlers. Inside the transaction
/// (step 2) it works out which cached pages show the change; once the change is committed (step 3) it
/// evicts them, before the editor's request returns, so the next reader sees the new version; builds the
/// read documents of the saved stories that are public (<see cref="StoryDocuments.PrepareAsync"/>), so
/// that their first readers, on any instance, read one stored document; and queues the pages that became
/// public for search-engine link push.
/// </summary>
public sealed partial class AfterCommit(ILogger<AfterCommit> logger, IServiceScopeFactory? scopes = null, IPageCache? pageCache = null,
    ILinkPushNotifier? linkPush = null)
{
    /// <summary>The output-cache tags of every page showing <paramref name="change"/>; every page when they cannot be worked out.</summary>
    /// <remarks>Worked out with or without an output cache: the stored list pages (PageDocuments) go by the same tags.</remarks>
    internal async Task<IReadOnlySet<string>> PagesOfAsync(NewsDbContext db, ContentChange change, CancellationToken cancellationToken)
    {
        try
        {
            return await new ContentTagResolver(db).ResolveAsync(change, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // Better to drop every cached page than to serve stale ones.
            LogResolveFailed(logger, ex);
            return new HashSet<string> { ContentTags.Site };
        }
    }

    internal async Task RunAsync(IReadOnlySet<string> tags, ContentChange change, CancellationToken cancellationToken)
    {
        if (pageCache is not null && tags.Count > 0)
        {
            await pageCache.EvictAsync(tags, cancellationToken).ConfigureAwait(false);
            LogEvicted(logger, tags);
        }
        await PrepareStoriesAsync(change, cancellationToken).ConfigureAwait(false);
        if (linkPush is not null && (change.PublishedArticleIds.Count > 0 || change.PublishedFeatureSlugs.Count > 0))
        {
            var paths = change.PublishedArticleIds.Order().Select(PublicPaths.Article)
                .Concat(change.PublishedFeatureSlugs.Order(StringComparer.Ordinal).Select(PublicPaths.Feature))
                .ToList();
            linkPush.PagesPublished(paths);
        }
    }

    /// <summary>
    /// The saved stories' documents, built now rather than by their first readers: in a scope of its own, as the
    /// saving context may still hold the change's entries. The newly published first, at most
    /// <see cref="StoryDocuments.PreparedPerSave"/>. A failure costs only the first reader a build, so it is logged
    /// and the save (already committed) stands.
    /// </summary>
    private async Task PrepareStoriesAsync(ContentChange change, CancellationToken cancellationToken)
    {
        if (scopes is null || change.ArticleIds.Count == 0)
        {
            return;
        }
        var ids = change.PublishedArticleIds.Order().Concat(change.ArticleIds.Except(change.PublishedArticleIds).Order()).ToList();
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                if (scope.ServiceProvider.GetService<StoryDocuments>() is { } documents)
                {
                    await documents.PrepareAsync(ids, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            LogPrepareFailed(logger, ex, ids.Count);
        }
    }

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "The read documents of {Count} saved stories were not built; their first readers build them")]
    private static partial void LogPrepareFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Could not work out the pages of a change; evicting every cached page")]
    private static partial void LogResolveFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Debug, Message = "Output cache evicted: {Tags}")]
    private static partial void LogEvicted(ILogger logger, IReadOnlySet<string> tags);
}
