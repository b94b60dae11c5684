namespace CivilizationNews.Core.LinkPush;

/// <summary>
/// Tells a search engine's link-submission endpoint (Baidu's 普通收录 API style) about newly published
/// pages. Calls return at once: URLs are queued and sent in the background with retries, so a slow or
/// failing endpoint never delays publishing. Off unless Discovery:PushEndpoint is set.
/// </summary>
/// <remarks>
/// Call <see cref="ArticlePublished"/> after the save that makes a story public: the admin's publish
/// action and the scheduled publisher. See docs/discovery.md.
/// </remarks>
public interface ILinkPushNotifier
{
    /// <summary>Queues the story's canonical URL. False when push is off or the queue is full (the reason is logged).</summary>
    bool ArticlePublished(int articleId);

    /// <summary>Queues absolute URLs on the public origin. False when push is off or the queue is full.</summary>
    bool Enqueue(IReadOnlyList<Uri> urls);
}
