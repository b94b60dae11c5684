using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Scheduling;
using CivilizationNews.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilizationNews.Core.Tests.Scheduling;

public sealed class ScheduledPublisherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> ScheduleAsync(NewsroomFixture f, DateTime at)
    {
        var id = await f.DraftAsync(NewsroomFixture.Editor, "定时稿件");
        await using var db = f.Context();
        // Scheduled directly in the database, as if its time had been set before the clock moved on.
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Scheduled).SetProperty(a => a.ScheduledAt, at), Ct);
        return id;
    }

    [Fact]
    public async Task Two_instances_racing_publish_a_due_story_exactly_once()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await ScheduleAsync(f, now.AddSeconds(-i)));
        }
        var notYet = await ScheduleAsync(f, now.AddMinutes(10));

        var results = new List<IReadOnlyList<int>>();
        for (var round = 0; round < 3; round++)
        {
            await using var a = f.Context();
            await using var b = f.Context();
            var first = new ScheduledPublisher(a, f.Clock, NullLogger<ScheduledPublisher>.Instance);
            var second = new ScheduledPublisher(b, f.Clock, NullLogger<ScheduledPublisher>.Instance);
            var both = await Task.WhenAll(Task.Run(() => first.PublishDueAsync(Ct), Ct), Task.Run(() => second.PublishDueAsync(Ct), Ct));
            results.AddRange(both);
        }

        var published = results.SelectMany(r => r).ToList();
        Assert.Equal(ids.Order(), published.Order());
        await using var read = f.Context();
        foreach (var id in ids)
        {
            Assert.Equal(1, await read.ArticleTransitions.CountAsync(t => t.ArticleId == id && t.To == ArticleStatus.Published, Ct));
            Assert.Equal(ArticleStatus.Published, await f.StatusAsync(id));
        }
        Assert.Equal(ArticleStatus.Scheduled, await f.StatusAsync(notYet));
    }

    [Fact]
    public async Task A_paused_scheduler_catches_up()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var due = f.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
        var id = await ScheduleAsync(f, due);
        await using var db = f.Context();
        var publisher = new ScheduledPublisher(db, f.Clock, NullLogger<ScheduledPublisher>.Instance);

        Assert.Empty(await publisher.PublishDueAsync(Ct));
        f.Clock.Advance(TimeSpan.FromHours(3)); // the app was down past the scheduled time
        var published = await publisher.PublishDueAsync(Ct);

        Assert.Equal([id], published);
        var article = await db.Articles.SingleAsync(a => a.Id == id, Ct);
        Assert.Equal(ArticleStatus.Published, article.Status);
        Assert.Equal(due, article.PublishedAt);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "article.published-on-schedule" && e.Details != null, Ct));
    }
}
