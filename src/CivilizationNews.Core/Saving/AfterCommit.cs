using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.LinkPush;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Saving;

/// <summary>
/// What the save path (<see cref="SavePipeline"/>) does for readers and crawlers. Inside the transaction
/// (step 2) it works out which cached pages show the change; once the change is committed (step 3) it
/// evicts them, before the editor's request returns, so the next reader sees the new version, and
/// queues the pages that became public for search-engine link push. Step 3 reads no database.
/// </summary>
public sealed partial class AfterCommit(ILogger<AfterCommit> logger, IPageCache? pageCache = null, ILinkPushNotifier? linkPush = null)
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
        if (linkPush is not null && (change.PublishedArticleIds.Count > 0 || change.PublishedFeatureSlugs.Count > 0))
        {
            var paths = change.PublishedArticleIds.Order().Select(PublicPaths.Article)
                .Concat(change.PublishedFeatureSlugs.Order(StringComparer.Ordinal).Select(PublicPaths.Feature))
                .ToList();
            linkPush.PagesPublished(paths);
        }
    }

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Could not work out the pages of a change; evicting every cached page")]
    private static partial void LogResolveFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Debug, Message = "Output cache evicted: {Tags}")]
    private static partial void LogEvicted(ILogger logger, IReadOnlySet<string> tags);
}
