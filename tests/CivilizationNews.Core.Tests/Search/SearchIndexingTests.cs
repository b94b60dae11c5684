using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Scheduling;
using CivilizationNews.Core.Search;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Units;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilizationNews.Core.Tests.Search;

/// <summary>The index changes with the story, in the same transaction, on every path the newsroom takes.</summary>
public sealed class SearchIndexingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<int>> FindAsync(NewsroomFixture f, string query)
    {
        await using var db = f.Context();
        var results = await new StorySearch(db, f.Clock, NullLogger<StorySearch>.Instance).SearchAsync(new SearchRequest(query), Ct);
        return results.Hits.Select(h => h.ArticleId).ToList();
    }

    [Fact]
    public async Task Drafts_are_not_indexed_publishing_indexes_and_withdrawing_removes()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var draft = await f.DraftAsync(NewsroomFixture.Reporter, "河东书房夜读活动");
        Assert.Empty(await FindAsync(f, "河东书房"));

        var id = await f.PublishedAsync("志愿者走进河东书房", "正文提到书房。");
        Assert.Equal([id], await FindAsync(f, "河东书房"));
        Assert.DoesNotContain(draft, await FindAsync(f, "夜读"));

        await using (var db = f.Context())
        {
            Assert.Equal(WorkflowOutcome.Done, (await f.Workflow(db).MoveAsync(id, ArticleStatus.Withdrawn, NewsroomFixture.Editor, "核实中", cancellationToken: Ct)).Outcome);
        }
        Assert.Empty(await FindAsync(f, "河东书房"));
        await using var check = f.Context();
        Assert.False(await check.SearchDocuments.AnyAsync(d => d.ArticleId == id, Ct));
    }

    [Fact]
    public async Task Editing_a_published_story_replaces_its_document()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.PublishedAsync("城南驿站开门迎客", "驿站提供热水。");
        Assert.Equal([id], await FindAsync(f, "驿站"));

        await using (var db = f.Context())
        {
            var version = await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(Ct);
            var saved = await f.Desk(db).UpdateAsync(id, f.Input("河东书房开门迎客", "书房提供热水。"), version, NewsroomFixture.Editor, cancellationToken: Ct);
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }
        Assert.Empty(await FindAsync(f, "驿站"));
        Assert.Equal([id], await FindAsync(f, "河东书房"));
    }

    [Fact]
    public async Task Deleting_a_story_removes_its_document()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.PublishedAsync("志愿服务成为必修课", "志愿服务时长三万小时。");
        await using (var db = f.Database.CreateContext())
        {
            db.Articles.Remove(await db.Articles.SingleAsync(a => a.Id == id, Ct));
            await db.SaveChangesAsync(Ct);
        }
        Assert.Empty(await FindAsync(f, "志愿"));
        await using var check = f.Context();
        Assert.Equal(0, await check.SearchDocuments.CountAsync(Ct));
    }

    [Fact]
    public async Task A_rolled_back_publish_leaves_no_document()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Editor, "河东书房回滚测试");
        await using (var db = f.Database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var article = await db.Articles.SingleAsync(a => a.Id == id, Ct);
            article.Status = ArticleStatus.Published;
            article.PublishedAt = f.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(Ct);
            // Written inside the transaction: visible to it ...
            Assert.True(await db.SearchDocuments.AnyAsync(d => d.ArticleId == id, Ct));
            await transaction.RollbackAsync(Ct);
        }
        // ... and gone with it.
        Assert.Empty(await FindAsync(f, "河东书房"));
        await using var check = f.Context();
        Assert.False(await check.SearchDocuments.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_failing_save_keeps_the_old_document()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.PublishedAsync("城南驿站开门迎客", "驿站提供热水。");
        await using (var db = f.Database.CreateContext())
        {
            var article = await db.Articles.SingleAsync(a => a.Id == id, Ct);
            article.Title = "河东书房开门迎客";
            // A link to a unit that does not exist: the foreign key fails the whole save.
            db.ArticleUnits.Add(new ArticleUnit { ArticleId = id, UnitId = 999_999, IsPrimary = true });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        Assert.Equal([id], await FindAsync(f, "驿站"));
        Assert.Empty(await FindAsync(f, "河东书房"));
    }

    [Fact]
    public async Task The_scheduler_indexes_what_it_publishes()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Editor, "定时发布的河东书房稿件");
        await using (var db = f.Context())
        {
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, ArticleStatus.Scheduled)
                .SetProperty(a => a.ScheduledAt, f.Clock.GetUtcNow().UtcDateTime.AddMinutes(5)), Ct);
        }
        Assert.Empty(await FindAsync(f, "河东书房"));
        f.Clock.Advance(TimeSpan.FromMinutes(6));
        await using (var db = f.Context())
        {
            Assert.Equal([id], await new ScheduledPublisher(db, f.Clock, NullLogger<ScheduledPublisher>.Instance).PublishDueAsync(Ct));
        }
        Assert.Equal([id], await FindAsync(f, "河东书房"));
    }

    [Fact]
    public async Task Renaming_a_unit_reindexes_its_published_stories()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.PublishedAsync("冬衣送到困难群众手中", "捐赠活动持续一周。");
        int unitId;
        await using (var db = f.Database.CreateContext())
        {
            var unit = new Unit { Slug = "lib", Name = "运城市图书馆", ShortName = "市图书馆", Kind = UnitKind.PublicInstitution };
            db.Units.Add(unit);
            db.ArticleUnits.Add(new ArticleUnit { ArticleId = id, Unit = unit, IsPrimary = true });
            await db.SaveChangesAsync(Ct);
            unitId = unit.Id;
        }
        Assert.Equal([id], await FindAsync(f, "图书馆"));
        await using (var db = f.Database.CreateContext())
        {
            var unit = await db.Units.SingleAsync(u => u.Id == unitId, Ct);
            unit.Name = "运城市少年儿童阅览中心";
            unit.ShortName = "少儿阅览中心";
            await db.SaveChangesAsync(Ct);
        }
        Assert.Empty(await FindAsync(f, "图书馆"));
        Assert.Equal([id], await FindAsync(f, "阅览"));
    }

    [Fact]
    public async Task Rebuild_reports_progress_and_gives_the_same_results()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        var before = await corpus.AllIdsAsync(new SearchRequest("书房"));
        var reports = new List<SearchRebuildProgress>();
        await using (var db = corpus.Context())
        {
            var count = await new SearchIndexer(db).RebuildAsync(new Progress(reports.Add), clearFirst: true, Ct);
            Assert.Equal(corpus.PublicText.Count + 1, count); // the withdrawn story is out; the one due tomorrow is indexed but not shown yet
        }
        Assert.Equal(0, reports[0].Done);
        Assert.Equal(reports[^1].Total, reports[^1].Done);
        Assert.Equal(before.Order(), (await corpus.AllIdsAsync(new SearchRequest("书房"))).Order());
    }

    private sealed class Progress(Action<SearchRebuildProgress> report) : IProgress<SearchRebuildProgress>
    {
        public void Report(SearchRebuildProgress value) => report(value);
    }
}
