using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Editing;

public sealed class ArticleDeskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_second_of_two_editors_gets_a_conflict_and_both_texts_survive()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Editor, "原标题");
        await using var db = f.Context();
        var loaded = await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(Ct);

        await using var first = f.Context();
        await using var second = f.Context();
        var a = await f.Desk(first).UpdateAsync(id, f.Input("甲编辑的标题", "甲编辑改写的正文。"), loaded, NewsroomFixture.Editor, cancellationToken: Ct);
        var b = await f.Desk(second).UpdateAsync(id, f.Input("乙编辑的标题", "乙编辑补充的正文。"), loaded, NewsroomFixture.SecondEditor, cancellationToken: Ct);

        Assert.Equal(SaveOutcome.Saved, a.Outcome);
        Assert.Equal(SaveOutcome.Conflict, b.Outcome);
        Assert.Equal("甲编辑的标题", b.Theirs!.Title);
        Assert.Equal("赵静怡", b.TheirEditor);
        Assert.Equal(a.Version, b.Version);
        // Nothing of the second editor was written over the first.
        Assert.Equal("甲编辑改写的正文。", await db.Articles.Where(x => x.Id == id).Select(x => x.Body).SingleAsync(Ct));

        // The second editor merges and saves against the current version.
        var merged = await f.Desk(second).UpdateAsync(id, f.Input("甲编辑的标题", "甲编辑改写的正文。\n\n乙编辑补充的正文。"), b.Version, NewsroomFixture.SecondEditor, "冲突：合并保存", Ct);
        Assert.Equal(SaveOutcome.Saved, merged.Outcome);
        var body = await db.Articles.Where(x => x.Id == id).Select(x => x.Body).SingleAsync(Ct);
        Assert.Contains("甲编辑改写的正文。", body, StringComparison.Ordinal);
        Assert.Contains("乙编辑补充的正文。", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_save_makes_a_revision_and_autosaves_are_marked()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Reporter, "第一版");
        await using var db = f.Context();
        var desk = f.Desk(db);
        var version = await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(Ct);

        await desk.AutosaveAsync(id, new ArticleText(null, "第二版草稿", null, null, "本报讯", "正在写的正文。"), NewsroomFixture.Reporter, Ct);
        var saved = await desk.UpdateAsync(id, f.Input("第二版", "正文第二稿。"), version, NewsroomFixture.Reporter, cancellationToken: Ct);

        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        var revisions = await desk.RevisionsAsync(id, Ct);
        Assert.Equal(["第二版", "第二版草稿", "第一版"], revisions.Select(r => r.Title));
        Assert.Equal([false, true, false], revisions.Select(r => r.IsAutosave));
        // An autosave never changes the story itself.
        Assert.Equal("第二版", await db.Articles.Where(a => a.Id == id).Select(a => a.Title).SingleAsync(Ct));
    }

    [Fact]
    public async Task Diff_is_field_by_field_and_restore_makes_a_new_revision()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Editor, "旧标题");
        await using var db = f.Context();
        var desk = f.Desk(db);
        var version = await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(Ct);
        await desk.UpdateAsync(id, f.Input("新标题", "正文第一段。\n\n新增的第二段。"), version, NewsroomFixture.Editor, cancellationToken: Ct);
        var revisions = await desk.RevisionsAsync(id, Ct);
        var older = await desk.RevisionTextAsync(id, revisions[1].Id, Ct);
        var newer = await desk.RevisionTextAsync(id, revisions[0].Id, Ct);

        var diff = RevisionDiff.Compare(older!, newer!);

        Assert.True(diff.Single(d => d.Field == "Title").Changed);
        Assert.False(diff.Single(d => d.Field == "Dateline").Changed);
        var body = diff.Single(d => d.Field == "Body");
        Assert.Contains(body.Lines, l => l.Kind == DiffKind.Inserted && l.Text == "新增的第二段。");
        Assert.Contains(body.Lines, l => l.Kind == DiffKind.Unchanged && l.Text == "正文第一段。");

        var restored = await desk.RestoreAsync(id, revisions[1].Id, NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Saved, restored.Outcome);
        Assert.Equal("旧标题", await db.Articles.Where(a => a.Id == id).Select(a => a.Title).SingleAsync(Ct));
        var after = await desk.RevisionsAsync(id, Ct);
        Assert.Equal(3, after.Count);
        Assert.Contains($"#{revisions[1].Id}", after[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_input_saves_nothing_and_says_why_in_Chinese()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();

        var result = await f.Desk(db).CreateAsync(f.Input("  ") with { SectionId = 999, KeyFigures = "这不是数据" }, NewsroomFixture.Reporter, Ct);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        string Error(string field) => Assert.Single(result.Errors!.All, e => e.Field == field).Message;
        Assert.Equal("请填写标题。", Error("Title"));
        Assert.Equal("请选择栏目。", Error("SectionId"));
        Assert.StartsWith("无法识别的数据行", Error("KeyFigures"), StringComparison.Ordinal);
        Assert.Equal(0, await db.Articles.CountAsync(Ct));
    }

    [Fact]
    public void Key_figures_are_read_as_printed()
    {
        var figures = KeyFigureParser.Parse("交通志愿服务：3.06万余人次\n捐款: 约218.9万元\n参评单位：223家", out var errors);

        Assert.Empty(errors);
        Assert.Equal(["3.06万余人次", "约218.9万元", "223家"], figures.Select(x => x.Display));
    }
}
