using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Dashboard;
using CivilizationNews.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Dashboard;

public sealed class DashboardReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SetAsync(NewsroomFixture fixture, int id, ArticleStatus status, DateTime? scheduledAt = null, DateTime? publishedAt = null)
    {
        await using var db = fixture.Context();
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, status).SetProperty(a => a.ScheduledAt, scheduledAt).SetProperty(a => a.PublishedAt, publishedAt), Ct);
    }

    [Fact]
    public async Task Each_member_sees_their_drafts_and_the_review_queue_their_role_allows()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var draft = await fixture.DraftAsync(NewsroomFixture.Reporter, "我的草稿");
        var mine = await fixture.DraftAsync(NewsroomFixture.Reporter, "我交的稿");
        var theirs = await fixture.DraftAsync(NewsroomFixture.OtherReporter, "别人交的稿");
        var late = await fixture.DraftAsync(NewsroomFixture.Editor, "逾期排期");
        var later = await fixture.DraftAsync(NewsroomFixture.Editor, "稍后排期");
        var published = await fixture.DraftAsync(NewsroomFixture.Editor, "已发布");
        await SetAsync(fixture, mine, ArticleStatus.Submitted);
        await SetAsync(fixture, theirs, ArticleStatus.Submitted);
        await SetAsync(fixture, late, ArticleStatus.Scheduled, scheduledAt: now.AddMinutes(-5));
        await SetAsync(fixture, later, ArticleStatus.Scheduled, scheduledAt: now.AddHours(1));
        await SetAsync(fixture, published, ArticleStatus.Published, publishedAt: now.AddHours(-1));
        await using var db = fixture.Context();
        var reader = new DashboardReader(db, fixture.Clock);

        var reporter = await reader.ReadAsync(NewsroomFixture.Reporter, Ct);
        var editor = await reader.ReadAsync(NewsroomFixture.Editor, Ct);

        Assert.Equal([draft], reporter.MyDrafts.Select(r => r.Id));
        Assert.Equal([mine], reporter.WaitingForReview.Select(r => r.Id));
        Assert.Empty(editor.MyDrafts);
        Assert.Equal([mine, theirs], editor.WaitingForReview.Select(r => r.Id).Order());
        Assert.Equal([late, later], editor.Scheduled.Select(r => r.Id));
        // A reporter does not learn the titles of others' unpublished stories from the schedule.
        Assert.Empty(reporter.Scheduled);
        Assert.True(editor.IsOverdue(editor.Scheduled[0]));
        Assert.False(editor.IsOverdue(editor.Scheduled[1]));
        Assert.Equal(("已发布", "文明创建"), (Assert.Single(reporter.RecentlyPublished).Title, reporter.RecentlyPublished[0].Section));
    }
}
