using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Editions;

public sealed class EditionDeskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EditionDesk Desk(NewsroomFixture f, NewsDbContext db) => new(db, new AuditLog(db, f.Clock));

    [Fact]
    public async Task An_edition_needs_a_real_free_date_and_a_number_and_the_next_one_is_suggested()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        var desk = Desk(f, db);
        var created = await desk.CreateAsync(new EditionInput { Date = "2026-11-28", Number = 12105 }, NewsroomFixture.Editor, Ct);
        Assert.Equal((SaveOutcome.Saved, "已新建 2026年11月28日 第12105期，请添加版面。"), (created.Outcome, created.Message));

        var taken = await desk.CreateAsync(new EditionInput { Date = "2026-11-28", Number = 0 }, NewsroomFixture.Editor, Ct);
        Assert.Equal([("Date", "2026年11月28日已有一期报纸。"), ("Number", "请填写期号（正整数）。")], taken.Errors!.All.Select(e => (e.Field, e.Message)));
        Assert.Equal("请填写正确的出版日期。", (await desk.CreateAsync(new EditionInput { Date = "2026/11/29", Number = 1 }, NewsroomFixture.Editor, Ct)).Errors!.All.Single().Message);

        var next = await desk.BlankAsync(Ct);
        Assert.Equal(("2026-11-29", 12106), (next.Date, next.Number));
        Assert.Equal(1, (await desk.ListAsync(1, Ct)).TotalCount);
    }

    [Fact]
    public async Task Publishing_is_audited_as_such_and_a_stale_save_is_a_conflict()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        var id = (await Desk(f, db).CreateAsync(new EditionInput { Date = "2026-11-28", Number = 12105 }, NewsroomFixture.Editor, Ct)).Id;
        var loaded = (await Desk(f, db).LoadAsync(id, Ct))!.Input;

        await using var first = f.Context();
        await using var second = f.Context();
        var published = await Desk(f, first).UpdateAsync(id, new EditionInput { Date = "2026-11-28", Number = 12105, IsPublished = true, Version = loaded.Version }, NewsroomFixture.SecondEditor, Ct);
        var stale = await Desk(f, second).UpdateAsync(id, new EditionInput { Date = "2026-11-28", Number = 99999, Version = loaded.Version }, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Saved, published.Outcome);
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.Equal((12105, true, "孙明阳"), (stale.Saved!.Number, stale.Saved.IsPublished, stale.SavedBy));
        Assert.Contains("这一期已被他人修改并保存", stale.Errors!.All.Single().Message, StringComparison.Ordinal);
        Assert.Equal(12105, await db.Editions.Where(e => e.Id == id).Select(e => e.Number).SingleAsync(Ct));
        Assert.Equal(["edition.create", "edition.publish"], await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));

        var unpublished = await Desk(f, second).UpdateAsync(id, new EditionInput { Date = "2026-11-28", Number = 12105, Version = stale.Saved.Version }, NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Saved, unpublished.Outcome);
        Assert.Equal("edition.unpublish", await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Action).FirstAsync(Ct));
    }

    [Fact]
    public async Task Stories_are_placed_moved_and_removed_in_print_order_and_nothing_in_use_is_deleted()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var stories = new[] { await f.DraftAsync(NewsroomFixture.Reporter, "甲"), await f.DraftAsync(NewsroomFixture.Reporter, "乙"), await f.DraftAsync(NewsroomFixture.Reporter, "丙") };
        await using var db = f.Context();
        var desk = Desk(f, db);
        var id = (await desk.CreateAsync(new EditionInput { Date = "2026-11-28", Number = 12105 }, NewsroomFixture.Editor, Ct)).Id;
        var page = await desk.AddPageAsync(id, new EditionPageInput { Number = 1, Name = " 要闻 " }, NewsroomFixture.Editor, Ct);
        Assert.Equal((SaveOutcome.Saved, "已添加第1版 要闻。"), (page.Outcome, page.Message));
        var pageId = page.PageId!.Value;
        Assert.Equal("这一期已有第1版。", (await desk.AddPageAsync(id, new EditionPageInput { Number = 1, Name = "重复" }, NewsroomFixture.Editor, Ct)).Message);
        Assert.Equal("请填写版次（1–999）。", (await desk.UpdatePageAsync(id, pageId, new EditionPageInput { Number = 1000, Name = "要闻" }, NewsroomFixture.Editor, Ct)).Message);

        foreach (var story in stories)
        {
            Assert.Equal(SaveOutcome.Saved, (await desk.PlaceStoryAsync(id, pageId, new PlaceStoryInput { ArticleId = story }, NewsroomFixture.Editor, Ct)).Outcome);
        }
        Assert.Equal("《甲》已在本版。", (await desk.PlaceStoryAsync(id, pageId, new PlaceStoryInput { ArticleId = stories[0] }, NewsroomFixture.Editor, Ct)).Message);
        Assert.Equal(SaveOutcome.Invalid, (await desk.PlaceStoryAsync(id, pageId, new PlaceStoryInput { ArticleId = 999_999 }, NewsroomFixture.Editor, Ct)).Outcome);

        await desk.MoveStoryAsync(id, pageId, stories[2], -1, NewsroomFixture.Editor, Ct);
        Assert.Equal([stories[0], stories[2], stories[1]], await OrderAsync());
        var atTop = await desk.MoveStoryAsync(id, pageId, stories[0], -1, NewsroomFixture.Editor, Ct);
        Assert.Equal((SaveOutcome.Saved, (string?)null), (atTop.Outcome, atTop.Message));
        await desk.RemoveStoryAsync(id, pageId, stories[0], NewsroomFixture.Editor, Ct);
        Assert.Equal([stories[2], stories[1]], await OrderAsync());
        Assert.Equal([1, 2], await db.Articles.Where(a => a.EditionPageId == pageId).OrderBy(a => a.PageOrder).Select(a => a.PageOrder).ToListAsync(Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "edition.story-move", Ct));

        var pages = (await desk.LoadAsync(id, Ct))!.Pages;
        Assert.Equal(["丙", "乙"], pages.Single().Stories.Select(s => s.Title));

        var edition = await desk.DeleteAsync(id, NewsroomFixture.Editor, Ct);
        Assert.Equal((SaveOutcome.Refused, "这一期还排有 2 篇稿件，不能删除。请先把它们移出版面。"), (edition.Outcome, edition.Message));
        var pageRefused = await desk.DeletePageAsync(id, pageId, NewsroomFixture.Editor, Ct);
        Assert.Equal((SaveOutcome.Refused, pageId), (pageRefused.Outcome, pageRefused.PageId));
        Assert.True(await db.EditionPages.AnyAsync(p => p.Id == pageId, Ct));

        Task<List<int>> OrderAsync() => db.Articles.Where(a => a.EditionPageId == pageId).OrderBy(a => a.PageOrder).Select(a => a.Id).ToListAsync(Ct);
    }
}
