using System.Data.Common;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Units;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilizationNews.Core.Tests.Reading.Documents;

/// <summary>
/// Story pages are read from stored documents, and every save that changes what a page shows deletes its
/// document in the same transaction: the page a reader gets is the page the tables give, through publish,
/// edit, withdraw, delete, neighbours coming and going, unit renames and edition changes.
/// </summary>
public sealed class StoryDocumentsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StoryDocuments Documents(NewsroomFixture f, NewsDbContext db) =>
        new(db, new ArticleReader(db, f.Clock), new MarkdownRenderer(), f.Clock, f.Parsed, new SeenGeneration(), NullLogger<StoryDocuments>.Instance);

    private static async Task<StoryPage?> ReadAsync(NewsroomFixture f, int id)
    {
        await using var db = f.Context();
        return await Documents(f, db).GetAsync(id, Ct);
    }

    /// <summary>What the tables say now, with no document involved: what every read must equal.</summary>
    private static async Task<ArticleDetail?> TruthAsync(NewsroomFixture f, int id)
    {
        await using var db = f.Context();
        return await new ArticleReader(db, f.Clock).GetAsync(id, Ct);
    }

    private static async Task AssertCurrentAsync(NewsroomFixture f, params int[] ids)
    {
        foreach (var id in ids)
        {
            var read = await ReadAsync(f, id);
            var truth = await TruthAsync(f, id);
            if (truth is null)
            {
                Assert.Null(read);
                continue;
            }
            Assert.NotNull(read);
            Assert.Equal((truth.Title, truth.Previous, truth.Next), (read.Article.Title, read.Article.Previous, read.Article.Next));
            Assert.Equal(truth.Units, read.Article.Units);
            Assert.Equal(truth.Related.Select(r => r.Id), read.Article.Related.Select(r => r.Id));
            Assert.Equal(truth.Placement, read.Article.Placement);
        }
    }

    private static async Task<bool> StoredAsync(NewsroomFixture f, int id)
    {
        await using var db = f.Context();
        return await db.StoryDocuments.AnyAsync(d => d.ArticleId == id, Ct);
    }

    private static async Task<int> PublishLaterAsync(NewsroomFixture f, string title, IReadOnlyList<int>? units = null)
    {
        f.Clock.Advance(TimeSpan.FromMinutes(5));
        return await f.PublishedAsync(title, "正文第一段。\n\n正文第二段。", units);
    }

    private static async Task EditTitleAsync(NewsroomFixture f, int id, string title)
    {
        await using var db = f.Context();
        var form = await db.Articles.Where(a => a.Id == id).Select(a => new { a.Version, a.Body, a.Dateline }).SingleAsync(Ct);
        var saved = await f.Desk(db).UpdateAsync(id, f.Input(title, form.Body) with { Dateline = form.Dateline }, form.Version, NewsroomFixture.Editor, cancellationToken: Ct);
        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
    }

    private static async Task MoveAsync(NewsroomFixture f, int id, ArticleStatus to)
    {
        await using var db = f.Context();
        Assert.Equal(WorkflowOutcome.Done, (await f.Workflow(db).MoveAsync(id, to, NewsroomFixture.Editor, "核实中", cancellationToken: Ct)).Outcome);
    }

    [Fact]
    public async Task A_read_is_served_from_the_document_and_an_edit_replaces_it()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await PublishLaterAsync(f, "城南驿站开门迎客");

        var first = await ReadAsync(f, id);
        Assert.Equal("城南驿站开门迎客", first!.Article.Title);
        Assert.Contains("<p>正文第二段。</p>", first.Body.Value, StringComparison.Ordinal);
        Assert.True(await StoredAsync(f, id));
        // Stored as the characters themselves, not \uXXXX escapes: half the size, and nothing to unescape on a read.
        await using (var db = f.Context())
        {
            var json = await db.StoryDocuments.Where(d => d.ArticleId == id).Select(d => d.Json).SingleAsync(Ct);
            Assert.Contains("\"Title\":\"城南驿站开门迎客\"", json, StringComparison.Ordinal);
            Assert.Contains("<p>正文第二段。</p>", json, StringComparison.Ordinal);
        }

        // Behind the save path's back the table changes, and the page does not: it comes from the document.
        await using (var db = f.Context())
        {
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "绕过保存路径的标题"), Ct);
        }
        Assert.Equal("城南驿站开门迎客", (await ReadAsync(f, id))!.Article.Title);

        // Through the save path, the next reader gets the edit.
        await EditTitleAsync(f, id, "城南驿站正式开门");
        Assert.False(await StoredAsync(f, id));
        Assert.Equal("城南驿站正式开门", (await ReadAsync(f, id))!.Article.Title);
    }

    [Fact]
    public async Task A_document_written_in_an_older_format_is_built_again_not_served()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await PublishLaterAsync(f, "格式升级前写下的页面");
        await ReadAsync(f, id);
        // As a build before the last format change stored it: no format number, and (say) an old title.
        await using (var db = f.Context())
        {
            var json = await db.StoryDocuments.Where(d => d.ArticleId == id).Select(d => d.Json).SingleAsync(Ct);
            var old = json.Replace($"\"Format\":{StoryDocuments.Format},", string.Empty, StringComparison.Ordinal)
                .Replace("\"Corrections\":[],", string.Empty, StringComparison.Ordinal);
            Assert.NotEqual(json, old);
            old = old.Replace(System.Text.Json.JsonSerializer.Serialize("格式升级前写下的页面")[1..^1], "旧", StringComparison.Ordinal);
            await db.StoryDocuments.Where(d => d.ArticleId == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Json, old), Ct);
        }

        var page = await ReadAsync(f, id);

        Assert.Equal("格式升级前写下的页面", page!.Article.Title);
        Assert.NotNull(page.Article.Corrections);
        await using var check = f.Context();
        Assert.Contains($"\"Format\":{StoryDocuments.Format}", await check.StoryDocuments.Where(d => d.ArticleId == id).Select(d => d.Json).SingleAsync(Ct),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previous_and_next_stay_right_as_neighbours_are_published_edited_withdrawn_and_deleted()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var a = await PublishLaterAsync(f, "甲");
        var b = await PublishLaterAsync(f, "乙");
        await AssertCurrentAsync(f, a, b);

        // A new story after 乙: 乙's next was nothing and is now 丙.
        var c = await PublishLaterAsync(f, "丙");
        await AssertCurrentAsync(f, a, b, c);
        Assert.Equal(c, (await ReadAsync(f, b))!.Article.Next!.Id);

        // 丙 renamed: the link on 乙's page reads the new title.
        await EditTitleAsync(f, c, "丙（更新）");
        await AssertCurrentAsync(f, a, b, c);
        Assert.Equal("丙（更新）", (await ReadAsync(f, b))!.Article.Next!.Title);

        // 乙 withdrawn: 甲 and 丙 now link to each other, and 乙's page is gone.
        await MoveAsync(f, b, ArticleStatus.Withdrawn);
        await AssertCurrentAsync(f, a, b, c);
        Assert.Null(await ReadAsync(f, b));
        Assert.Equal(c, (await ReadAsync(f, a))!.Article.Next!.Id);

        // 丙 deleted outright.
        await using (var db = f.Context())
        {
            db.Articles.Remove(await db.Articles.AsTracking().SingleAsync(x => x.Id == c, Ct));
            await db.SaveChangesAsync(Ct);
        }
        await AssertCurrentAsync(f, a, c);
        Assert.Null((await ReadAsync(f, a))!.Article.Next);
    }

    [Fact]
    public async Task Related_stories_a_unit_rename_and_an_edition_change_reach_the_pages_that_show_them()
    {
        using var f = await NewsroomFixture.CreateAsync();
        int unitId;
        await using (var db = f.Context())
        {
            var unit = new Unit { Slug = "shi-zhongxin-yiyuan", Name = "市中心医院", ShortName = "中心医院", Kind = UnitKind.Hospital };
            db.Units.Add(unit);
            await db.SaveChangesAsync(Ct);
            unitId = unit.Id;
        }
        var a = await PublishLaterAsync(f, "医院开设夜间门诊", [unitId]);
        await AssertCurrentAsync(f, a);
        Assert.Empty((await ReadAsync(f, a))!.Article.Related);

        // Related stories are read with the page: a new story of the same unit shows at once.
        var b = await PublishLaterAsync(f, "医院志愿者服务队成立", [unitId]);
        Assert.Equal([b], (await ReadAsync(f, a))!.Article.Related.Select(r => r.Id));

        await using (var db = f.Context())
        {
            var unit = await db.Units.AsTracking().SingleAsync(u => u.Id == unitId, Ct);
            unit.Name = "河东市中心医院";
            await db.SaveChangesAsync(Ct);
        }
        await AssertCurrentAsync(f, a, b);
        Assert.Equal("河东市中心医院", (await ReadAsync(f, a))!.Article.Units.Single().Name);

        // Placed on a print page, then the page renamed.
        int pageId;
        await using (var db = f.Context())
        {
            var edition = new Edition { Date = new DateOnly(2021, 12, 10), Number = 1234, IsPublished = true };
            var page = new EditionPage { Edition = edition, Number = 5, Name = "专版" };
            db.EditionPages.Add(page);
            await db.SaveChangesAsync(Ct);
            pageId = page.Id;
            var article = await db.Articles.AsTracking().SingleAsync(x => x.Id == a, Ct);
            article.EditionPageId = pageId;
            await db.SaveChangesAsync(Ct);
        }
        await AssertCurrentAsync(f, a);
        Assert.Equal("专版", (await ReadAsync(f, a))!.Article.Placement!.PageName);
        await using (var db = f.Context())
        {
            var page = await db.EditionPages.AsTracking().SingleAsync(p => p.Id == pageId, Ct);
            page.Name = "文明创建专版";
            await db.SaveChangesAsync(Ct);
        }
        await AssertCurrentAsync(f, a);
        Assert.Equal("文明创建专版", (await ReadAsync(f, a))!.Article.Placement!.PageName);
    }

    /// <summary>
    /// Runs a save, committed, when the reader has read the story and is about to store its document: the
    /// moment where, without the generation check, the old page would be stored after the save deleted it.
    /// </summary>
    private sealed class SaveBeforeStore(Func<Task> save) : DbTransactionInterceptor
    {
        private int _fired;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                await save();
            }
            return result;
        }
    }

    [Fact]
    public async Task A_page_read_while_a_save_commits_is_not_kept_as_the_document()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await PublishLaterAsync(f, "旧标题");

        // The reader reads the story with its old title; a save commits before the reader stores the page.
        var interceptor = new SaveBeforeStore(() => EditTitleAsync(f, id, "新标题"));
        var options = new DbContextOptionsBuilder<SqliteNewsDbContext>().UseSqlite(f.Database.ConnectionString, DatabaseSetup.ConfigureSqlite)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).AddInterceptors(new SqlitePragmaInterceptor(), interceptor).Options;
        await using (var racing = new SqliteNewsDbContext(options))
        {
            Assert.Equal("旧标题", (await Documents(f, racing).GetAsync(id, Ct))!.Article.Title);
        }

        // Whatever that one reader was shown, no later reader gets the old title.
        Assert.False(await StoredAsync(f, id));
        Assert.Equal("新标题", (await ReadAsync(f, id))!.Article.Title);
        Assert.True(await StoredAsync(f, id));
    }

    [Fact]
    public async Task Preparing_after_a_save_stores_the_public_stories_and_keeps_a_document_a_reader_stored()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var fresh = await PublishLaterAsync(f, "刚发布的稿件");
        var read = await PublishLaterAsync(f, "读者已读过的稿件");
        var draft = await f.DraftAsync(NewsroomFixture.Reporter, "仍是草稿");
        Assert.NotNull(await ReadAsync(f, read));
        DateTime BuiltAt(NewsDbContext db, int id) => db.StoryDocuments.Where(d => d.ArticleId == id).Select(d => d.BuiltAt).Single();
        DateTime readersBuild;
        await using (var db = f.Context())
        {
            readersBuild = BuiltAt(db, read);
        }
        f.Clock.Advance(TimeSpan.FromMinutes(1));

        int stored;
        await using (var db = f.Context())
        {
            stored = await Documents(f, db).PrepareAsync([fresh, draft, read], Ct);
        }

        Assert.Equal(1, stored);
        Assert.True(await StoredAsync(f, fresh));
        Assert.False(await StoredAsync(f, draft));
        await using (var db = f.Context())
        {
            Assert.Equal(readersBuild, BuiltAt(db, read));
        }
        await AssertCurrentAsync(f, fresh, read);
    }

    [Fact]
    public async Task Rebuilding_all_documents_reports_progress_and_writes_one_per_public_story()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await PublishLaterAsync(f, $"稿件{i}"));
        }
        await f.DraftAsync(NewsroomFixture.Reporter, "草稿不算");
        var reports = new List<(int Done, int Total)>();

        await using var db = f.Context();
        var written = await Documents(f, db).RebuildAllAsync(new SynchronousProgress(reports), Ct);

        Assert.Equal(3, written);
        Assert.Equal((3, 3), reports[^1]);
        Assert.Equal(ids.Order(), await db.StoryDocuments.Select(d => d.ArticleId).OrderBy(x => x).ToListAsync(Ct));
    }

    private sealed class SynchronousProgress(List<(int, int)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => reports.Add(value);
    }
}
