using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Editing;

public sealed class ArticleEditorReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ArticleEditorReader Reader(NewsroomFixture f, NewsDbContext db) => new(db, f.Desk(db), new EditPresence(db, f.Clock));

    [Fact]
    public async Task A_reporter_lists_only_their_own_stories_and_an_editor_lists_all_of_one_status()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var mine = await f.DraftAsync(NewsroomFixture.Reporter, "我的稿件");
        await f.DraftAsync(NewsroomFixture.OtherReporter, "别人的稿件");
        var submitted = await f.DraftAsync(NewsroomFixture.Editor, "待审的稿件");
        await using var db = f.Context();
        await f.Workflow(db).MoveAsync(submitted, ArticleStatus.Submitted, NewsroomFixture.Editor, null, null, Ct);

        var reporters = await Reader(f, db).ListAsync(NewsroomFixture.Reporter, null, 1, Ct);
        var editors = await Reader(f, db).ListAsync(NewsroomFixture.Editor, ArticleStatus.Submitted, 1, Ct);

        Assert.Equal([mine], reporters.Items.Select(r => r.Id));
        Assert.Equal(1, reporters.TotalCount);
        Assert.Equal([submitted], editors.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Another_reporters_draft_opens_without_the_editor_and_leaves_no_presence()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.OtherReporter, "别人的草稿");
        await using var db = f.Context();

        var refused = await Reader(f, db).OpenAsync(id, NewsroomFixture.Reporter, Ct);
        var missing = await Reader(f, db).OpenAsync(id + 100, NewsroomFixture.Reporter, Ct);
        var opened = await Reader(f, db).OpenAsync(id, NewsroomFixture.Editor, Ct);

        Assert.NotNull(refused);
        Assert.Null(refused.Editor);
        Assert.Null(missing);
        Assert.Equal("别人的草稿", opened!.Form.Title);
        Assert.Equal(f.SectionId, opened.Form.SectionId);
        Assert.Contains(opened.Editor!.Choices.Sections, s => s.Id == f.SectionId);
        Assert.Equal(["赵静怡"], await db.ArticleEditPresences.Where(p => p.ArticleId == id).Select(p => p.UserName).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_conflict_carries_the_saved_text_who_saved_it_and_how_the_editors_text_differs()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Editor, "原标题");
        await using var db = f.Context();
        var loaded = await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(Ct);
        await f.Desk(db).UpdateAsync(id, f.Input("原标题", "甲编辑的正文。"), loaded, NewsroomFixture.Editor, cancellationToken: Ct);

        await using var second = f.Context();
        var mine = new ArticleForm { Title = "原标题", Body = "乙编辑的正文。", SectionId = f.SectionId, Dateline = "本报讯", Version = loaded };
        var result = await f.Desk(second).UpdateAsync(id, mine.ToInput(), mine.Version, NewsroomFixture.SecondEditor, cancellationToken: Ct);
        var conflict = ArticleConflict.Of(result, mine.Text);

        Assert.Equal(SaveOutcome.Conflict, result.Outcome);
        Assert.Contains("已被他人修改", Assert.Single(result.Errors!.All).Message, StringComparison.Ordinal);
        Assert.Equal("甲编辑的正文。", conflict.Saved.Body);
        Assert.Equal("赵静怡", conflict.SavedBy);
        var body = Assert.Single(conflict.Changes, c => c.Changed);
        Assert.Equal("Body", body.Field);
        Assert.Contains(body.Lines, l => l.Kind == DiffKind.Inserted && l.Text == "乙编辑的正文。");
        Assert.Contains(body.Lines, l => l.Kind == DiffKind.Deleted && l.Text == "甲编辑的正文。");
    }
}
