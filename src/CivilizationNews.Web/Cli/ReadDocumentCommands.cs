using System.Diagnostics;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Web.Infrastructure;

namespace CivilizationNews.Web.Cli;

/// <summary>The rerender verb: rebuilds every story page's read document, for example after a change to the renderer.</summary>
public static class ReadDocumentCommands
{
    /// <summary>rerender: progress on standard error, the summary on standard output. Pages are served throughout.</summary>
    public static async Task<int> RerenderAsync(IServiceProvider services, ILogger logger)
    {
        var db = services.GetRequiredService<NewsDbContext>();
        await DatabaseStartup.MigrateAsync(db, logger);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var progress = new SynchronousProgress<(int Done, int Total)>(p =>
        {
            if (p.Done == p.Total || clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(500))
            {
                lastReport = clock.Elapsed;
                var percent = p.Total == 0 ? 100 : p.Done * 100 / p.Total;
                Console.Error.WriteLine($"已重新生成 {p.Done}/{p.Total} 篇（{percent}%）");
            }
        });
        var count = await services.GetRequiredService<StoryDocuments>().RebuildAllAsync(progress);
        Console.WriteLine($"报道页面已重新生成：{count} 篇已发布报道，用时 {clock.Elapsed.TotalSeconds:0.0} 秒。");
        return 0;
    }
}
