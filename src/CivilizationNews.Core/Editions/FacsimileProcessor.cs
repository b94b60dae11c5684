using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Editions;

/// <summary>Wakes this instance's <see cref="FacsimileProcessor"/> as soon as pages are uploaded here.</summary>
public sealed class FacsimileQueueSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Reads and draws uploaded pages in the background, one at a time (each page claimed in the database, so several
/// instances share the queue). Woken by an upload on this instance; otherwise it looks every few seconds, which
/// also picks up pages uploaded through another instance or left half-done by one that stopped.
/// </summary>
public sealed partial class FacsimileProcessor(IServiceScopeFactory scopes, FacsimileQueueSignal signal, IConfiguration configuration,
    ILogger<FacsimileProcessor> logger) : BackgroundService
{
    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("PageUpload:PollSeconds", 5), 1, 60));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("PageUpload:ProcessInBackground", true))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    worked = await scope.ServiceProvider.GetRequiredService<FacsimileDesk>().ProcessNextAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database briefly unavailable, or a page that broke the reader: the next round tries again.
                LogRoundFailed(logger, ex);
            }
            if (!worked)
            {
                try
                {
                    await signal.WaitAsync(Interval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 5234, Level = LogLevel.Error, Message = "Processing uploaded pages failed; trying again shortly")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
