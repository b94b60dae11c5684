using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Scheduling;

/// <summary>
/// Checks for due scheduled stories every <see cref="Interval"/> (and at start, to catch up after downtime).
/// The claim is made in the database, so several instances can run this safely.
/// </summary>
public sealed partial class SchedulerService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<SchedulerService> logger) : BackgroundService
{
    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Scheduler:IntervalSeconds", 15), 1, 30));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Scheduler:Enabled", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed check (database briefly unavailable) must not stop the scheduler: the next tick retries.
                LogCheckFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Scheduled publishing check failed; retrying on the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
