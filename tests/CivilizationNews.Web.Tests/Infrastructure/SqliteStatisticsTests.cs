using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Infrastructure;

public sealed class SqliteStatisticsTests
{
    [Fact]
    public async Task The_full_pass_counts_every_story_row_for_the_planner()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var stories = await factory.QueryAsync(db => db.Articles.CountAsync());
        // What start-up's sampled pass may leave is replaced by exact counts.
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1 WHERE tbl = 'Articles'"));

        await factory.Services.GetRequiredService<SqliteStatistics>().RunAsync(TestContext.Current.CancellationToken);

        var stat = await factory.QueryAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT stat AS Value FROM sqlite_stat1 WHERE tbl = 'Articles' AND idx = 'IX_Articles_Status_PublishedAt'")
            .SingleAsync());
        Assert.Equal(stories, int.Parse(stat.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}
