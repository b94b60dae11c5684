namespace CivilizationNews.Core.LinkPush;

/// <summary>
/// Tells a search engine's link-submission endpoint (Baidu's 普通收录 API style) about newly published
/// pages. Calls return at once: URLs are queued and sent in the background with retries, so a slow or
/// failing endpoint never delays publishing. Off unless Discovery:PushEndpoint is set.
/// </summary>
/// <remarks>
/// The save path calls <see cref="PagesPublished"/> after every commit that makes a story or a feature
/// public (Saving/AfterCommit), whoever published it: the newsroom, the scheduler or a feature's
/// publication. See docs/discovery.md.
/// </remarks>
public interface ILinkPushNotifier
{
    /// <summary>Queues the story's canonical URL. False when push is off or the queue is full (the reason is logged).</summary>
    bool ArticlePublished(int articleId);

    /// <summary>Queues public pages by path ("/feature/…") as one batch. False when push is off, there is no public origin or the queue is full.</summary>
    bool PagesPublished(IReadOnlyCollection<string> paths);

    /// <summary>Queues absolute URLs on the public origin. False when push is off or the queue is full.</summary>
    bool Enqueue(IReadOnlyList<Uri> urls);
}
