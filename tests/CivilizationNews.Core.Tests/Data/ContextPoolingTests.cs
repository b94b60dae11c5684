using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Core.Tests.Data;

/// <summary>
/// The app's contexts come from a pool (DatabaseSetup): a context is leased by one request after another, so what
/// one request's save noted must not reach the next one's commit, and the pooled context still finds the app's
/// after-commit work.
/// </summary>
public sealed class ContextPoolingTests
{
    private sealed class RecordingPageCache : IPageCache
    {
        public List<IReadOnlySet<string>> Evicted { get; } = [];

        public Task EvictAsync(IReadOnlySet<string> tags, CancellationToken cancellationToken)
        {
            lock (Evicted)
            {
                Evicted.Add(tags);
            }
            return Task.CompletedTask;
        }
    }

    private static Unit NewUnit(string slug, string name) => new() { Slug = slug, Name = name, ShortName = name, Kind = UnitKind.Other };

    private static async Task RenameAsync(NewsDbContext db, string slug, string name)
    {
        var unit = db.Units.AsTracking().Single(u => u.Slug == slug);
        unit.Name = name;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_context_back_from_the_pool_forgets_the_uncommitted_saves_of_its_last_request()
    {
        using var database = new TestDatabase();
        await using (var seed = await database.CreateMigratedAsync())
        {
            seed.Units.AddRange(NewUnit("wei-tijiao", "未提交单位"), NewUnit("yi-tijiao", "已提交单位"));
            await seed.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var cache = new RecordingPageCache();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IPageCache>(cache)
            .AddNewsDatabase(new DatabaseOptions(), Path.GetDirectoryName(database.FilePath)!);
        await using var provider = services.BuildServiceProvider();
        var token = TestContext.Current.CancellationToken;

        NewsDbContext first;
        await using (var scope = provider.CreateAsyncScope())
        {
            // A request saves inside its own transaction and ends without committing it (an error on the way).
            first = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            await first.Database.BeginTransactionAsync(token);
            await RenameAsync(first, "wei-tijiao", "改名未提交");
        }
        Assert.Empty(cache.Evicted);

        await using (var scope = provider.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            Assert.Same(first, second);
            await RenameAsync(second, "yi-tijiao", "改名已提交");
        }

        // The pooled context found the app's AfterCommit: the renamed unit's profile was evicted, and not the
        // profile of the rename that never committed.
        var evicted = Assert.Single(cache.Evicted);
        Assert.Contains(ContentTags.Unit("yi-tijiao"), evicted);
        Assert.DoesNotContain(ContentTags.Unit("wei-tijiao"), evicted);

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            Assert.Equal(["未提交单位", "改名已提交"], db.Units.OrderBy(u => u.Slug).Select(u => u.Name).ToList());
        }
    }
}
