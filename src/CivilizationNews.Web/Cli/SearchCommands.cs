using System.Diagnostics;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Search;
using CivilizationNews.Web.Infrastructure;

namespace CivilizationNews.Web.Cli;

/// <summary>The reindex verb: rebuilds the search documents (and SQLite's FTS5 index) from the published stories.</summary>
public static class SearchCommands
{
    /// <summary>
    /// reindex [--clear]: progress on standard error, the summary on standard output. Without --clear the
    /// old documents serve searches until each is replaced; with it the index starts empty.
    /// </summary>
    public static async Task<int> ReindexAsync(IServiceProvider services, CommandLine command, ILogger logger)
    {
        var db = services.GetRequiredService<NewsDbContext>();
        await DatabaseStartup.MigrateAsync(db, logger);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var progress = new SynchronousProgress<SearchRebuildProgress>(p =>
        {
            // One line per batch, but not more than a few a second on a big paper.
            if (p.Done == 0 || p.Done == p.Total || clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(500))
            {
                lastReport = clock.Elapsed;
                var percent = p.Total == 0 ? 100 : p.Done * 100 / p.Total;
                Console.Error.WriteLine($"已索引 {p.Done}/{p.Total} 篇（{percent}%）");
            }
        });
        var count = await services.GetRequiredService<SearchIndexer>().RebuildAsync(progress, command.Flag("--clear"));
        Console.WriteLine($"搜索索引已重建：{count} 篇已发布报道，用时 {clock.Elapsed.TotalSeconds:0.0} 秒。");
        return 0;
    }
}
