using System.Threading.Channels;
using CivilizationNews.Core.Content;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Core.LinkPush;

/// <summary>
/// The in-process queue behind <see cref="ILinkPushNotifier"/>; <see cref="LinkPushService"/> drains it.
/// A push is a courtesy to crawlers (they find new stories through the sitemaps anyway), so URLs still
/// queued when the process stops are not kept.
/// </summary>
public sealed partial class LinkPushNotifier : ILinkPushNotifier
{
    public const int Capacity = 1000;

    private readonly Channel<IReadOnlyList<Uri>> _channel = Channel.CreateBounded<IReadOnlyList<Uri>>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly LinkPushOptions _options;
    private readonly ILogger<LinkPushNotifier> _logger;

    public LinkPushNotifier(IOptions<LinkPushOptions> options, ILogger<LinkPushNotifier> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    internal ChannelReader<IReadOnlyList<Uri>> Reader => _channel.Reader;

    public bool ArticlePublished(int articleId) => PagesPublished([PublicPaths.Article(articleId)]);

    public bool PagesPublished(IReadOnlyCollection<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!_options.PushEnabled || paths.Count == 0)
        {
            return false;
        }
        if (string.IsNullOrWhiteSpace(_options.PublicBaseUrl)
            || !Uri.TryCreate(_options.PublicBaseUrl, UriKind.Absolute, out var origin)
            || origin.Scheme is not ("http" or "https"))
        {
            // Without a public origin there is no URL the search engine would accept (a request's own
            // host may be the admin's internal name), so nothing is sent.
            LogNoOrigin(_logger, paths.First());
            return false;
        }
        return Enqueue(paths.Select(path => PublicPaths.Absolute(_options.PublicBaseUrl, path)).ToList());
    }

    public bool Enqueue(IReadOnlyList<Uri> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (!_options.PushEnabled || urls.Count == 0)
        {
            return false;
        }
        if (urls.Any(u => !u.IsAbsoluteUri))
        {
            throw new ArgumentException("Link push takes absolute URLs.", nameof(urls));
        }
        if (_channel.Writer.TryWrite(urls))
        {
            LogQueued(_logger, urls.Count, urls[0]);
            return true;
        }
        LogQueueFull(_logger, urls.Count, urls[0]);
        return false;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Queued {Count} URLs for link push, first {Url}")]
    private static partial void LogQueued(ILogger logger, int count, Uri url);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Link push queue is full; dropped {Count} URLs, first {Url}")]
    private static partial void LogQueueFull(ILogger logger, int count, Uri url);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Link push is on but Site:PublicBaseUrl (or Discovery:PublicBaseUrl) is not an absolute http(s) origin; {Path} not pushed")]
    private static partial void LogNoOrigin(ILogger logger, string path);
}
