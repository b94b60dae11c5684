using System.Diagnostics;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Full SQLite planner statistics for the story tables, gathered once shortly after start-up, off the request
/// path. Start-up itself runs a sampled ANALYZE (milliseconds at any size, DatabaseStartup); at 100,000 stories
/// the sample takes every status value for a thousandth of the rows, and SQLite then drives "stories of this
/// unit" from the status index through every published story (the home page's units in the news: 88 ms a
/// request instead of a few). The full pass takes about 1.6 s there, once per start.
/// </summary>
public sealed partial class SqliteStatistics(IServiceScopeFactory scopes, ILogger<SqliteStatistics> logger) : BackgroundService
{
    /// <summary>Long enough for the first readers after a restart to be served before the statistics pass.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Delay, stoppingToken).ConfigureAwait(false);
            if (await StoryCountAsync(stoppingToken).ConfigureAwait(false) >= SampleSize)
            {
                await RunAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the pass: the sampled statistics from start-up stay.
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            LogFailed(logger, exception);
        }
    }

    /// <summary>Start-up's ANALYZE samples this many rows a table: below it the statistics are exact already.</summary>
    public const int SampleSize = 1000;

    private async Task<int> StoryCountAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        return db.Database.IsSqlite() ? await db.Articles.CountAsync(cancellationToken).ConfigureAwait(false) : 0;
    }

    /// <summary>The pass itself: ANALYZE without a sampling limit on the tables the public pages join.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        if (!db.Database.IsSqlite())
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        await db.Database.ExecuteSqlRawAsync(
            "PRAGMA analysis_limit=0; ANALYZE Articles; ANALYZE ArticleUnits; ANALYZE ArticleTags; ANALYZE ArticleCredits; ANALYZE ArticlePhotos; PRAGMA analysis_limit=1000;",
            cancellationToken).ConfigureAwait(false);
        LogDone(logger, watch.ElapsedMilliseconds);
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Full planner statistics gathered in {ElapsedMs} ms")]
    private static partial void LogDone(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Error, Message = "Gathering full planner statistics failed; the sampled ones from start-up stay")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
