using System.Diagnostics;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Prepares the home page's read document while the rest of start-up (endpoints, hosted services, Kestrel) runs on
/// the main thread: most of start-up uses one core, and the home page — the page a restarted instance is asked for
/// first — costs 700–800 ms to build on a fresh process at 100,000 stories when a publish has removed its document
/// (its queries are compiled for the first time). With the document stored, the first reader waits only for the view.
/// The build is the one the first reader would do (<see cref="PageDocuments.HomeAsync"/>), under the same
/// read-generation rule, so a save committing meanwhile is never hidden. A home page request arriving while it runs
/// waits for it (<see cref="Completion"/>) rather than building the same page a second time beside it.
/// Off with <c>Performance:WarmUpOnStart=false</c> (the in-process test host does this, so that tests see first reads
/// as first reads). A failure is logged and costs only the first reader the build.
/// </summary>
public sealed partial class StartupWarmUp(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<StartupWarmUp> logger)
{
    /// <summary>
    /// Finishes when the warm-up has stored the document, or has given up (it never faults: a failure is logged).
    /// Already complete when the warm-up is off.
    /// </summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var documents = scope.ServiceProvider.GetRequiredService<PageDocuments>();
                await documents.HomeAsync(scope.ServiceProvider.GetRequiredService<HomeReader>(), lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            LogPrepared(logger, watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopped during start-up: nothing to keep.
        }
#pragma warning disable CA1031 // Whatever goes wrong, the first reader builds the page as without a warm-up; it is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "The home page was prepared during start-up in {Elapsed} ms")]
    private static partial void LogPrepared(ILogger logger, long elapsed);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The home page could not be prepared during start-up; its first reader builds it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class StartupWarmUpExtensions
{
    /// <summary>Starts <see cref="StartupWarmUp"/> unless <c>Performance:WarmUpOnStart</c> is false; after the database is prepared.</summary>
    public static void StartWarmUp(this WebApplication app)
    {
        if (app.Configuration.GetValue("Performance:WarmUpOnStart", true))
        {
            app.Services.GetRequiredService<StartupWarmUp>().Start();
        }
    }
}
