using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Core.LinkPush;

/// <summary>
/// Sends queued URLs to Discovery:PushEndpoint as Baidu's link push expects: a POST whose text/plain
/// body is one URL a line. Network errors, 429 and 5xx are retried with a doubling delay; any other
/// answer ends the batch. Every outcome is logged with the endpoint's reply.
/// </summary>
public sealed partial class LinkPushService(
    LinkPushNotifier queue, IHttpClientFactory httpClients, IOptions<LinkPushOptions> options, TimeProvider clock,
    ILogger<LinkPushService> logger) : BackgroundService
{
    public const string HttpClientName = "LinkPush";

    /// <summary>Baidu takes at most 2,000 URLs a request.</summary>
    public const int MaxBatch = 2000;

    private const int ReplyLogLength = 300;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PushEnabled)
        {
            return;
        }
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Stories published together (an edition going online) go out in one request.
                var batch = new List<Uri>();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var urls))
                {
                    batch.AddRange(urls);
                }
                foreach (var chunk in batch.Distinct().Chunk(MaxBatch))
                {
                    await PushAsync(chunk, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is not kept (see LinkPushNotifier).
        }
    }

    /// <summary>Sends one batch, retrying transient failures. True when the endpoint accepted it.</summary>
    public async Task<bool> PushAsync(IReadOnlyList<Uri> urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var settings = options.Value;
        if (!settings.PushEnabled || urls.Count == 0)
        {
            return false;
        }
        var endpoint = new Uri(settings.PushEndpoint!, UriKind.Absolute);
        var endpointPath = endpoint.GetLeftPart(UriPartial.Path);
        var body = string.Join('\n', urls.Select(u => u.AbsoluteUri));
        var attempts = Math.Max(1, settings.PushAttempts);
        using var client = httpClients.CreateClient(HttpClientName);
        client.Timeout = settings.PushTimeout;

        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "text/plain");
                using var response = await client.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
                var reply = Shorten(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                if (response.IsSuccessStatusCode)
                {
                    LogPushed(logger, urls.Count, endpointPath, attempt, reply);
                    return true;
                }
                if (!IsTransient(response.StatusCode))
                {
                    LogRejected(logger, urls.Count, (int)response.StatusCode, reply);
                    return false;
                }
                failure = $"HTTP {(int)response.StatusCode} {reply}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "timeout: " + e.Message;
            }

            if (attempt >= attempts)
            {
                LogGaveUp(logger, urls.Count, attempt, failure);
                return false;
            }
            var delay = settings.PushRetryDelay * Math.Pow(2, attempt - 1);
            LogRetrying(logger, attempt, failure, delay);
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static string Shorten(string reply) =>
        reply.Length <= ReplyLogLength ? reply.Trim() : string.Concat(reply.AsSpan(0, ReplyLogLength), "…");

    // The endpoint carries the site's token in its query, so only its path is logged.
    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Pushed {Count} URLs to {Endpoint} on attempt {Attempt}; reply {Reply}")]
    private static partial void LogPushed(ILogger logger, int count, string endpoint, int attempt, string reply);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Link push attempt {Attempt} failed ({Failure}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Link push gave up on {Count} URLs after {Attempts} attempts: {Failure}")]
    private static partial void LogGaveUp(ILogger logger, int count, int attempts, string failure);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Error, Message = "Link push endpoint rejected {Count} URLs with HTTP {Status}: {Reply}")]
    private static partial void LogRejected(ILogger logger, int count, int status, string reply);
}
