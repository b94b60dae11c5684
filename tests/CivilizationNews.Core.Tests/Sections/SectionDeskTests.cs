using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Sections;

public sealed class SectionDeskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SectionDesk Desk(NewsroomFixture f, NewsDbContext db) => new(db, new AuditLog(db, f.Clock));

    [Fact]
    public async Task A_new_section_is_validated_in_Chinese_and_then_created_with_an_audit_entry()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        var desk = Desk(f, db);

        var refused = await desk.CreateAsync(new SectionInput { Slug = "wenming", Name = "  ", SortOrder = 1000, Description = new string('说', 501) }, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.Equal(
            [("Slug", "这个网址名已被另一个栏目使用。"), ("Name", "请填写栏目名称。"), ("Description", "栏目说明不超过 500 字。"), ("SortOrder", "排序请填写 0–999 的数字。")],
            refused.Errors!.All.Select(e => (e.Field, e.Message)));
        Assert.Equal(1, await db.Sections.CountAsync(Ct));

        Assert.Equal(2, (await desk.BlankAsync(Ct)).SortOrder);
        var created = await desk.CreateAsync(new SectionInput { Slug = "TiYu", Name = " 体育 ", SortOrder = 2 }, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Saved, created.Outcome);
        Assert.Equal("已新建栏目“体育”。", created.Message);
        var section = await db.Sections.SingleAsync(s => s.Id == created.Id, Ct);
        Assert.Equal(("tiyu", "体育"), (section.Slug, section.Name));
        var entry = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("section.create", "Section", created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "赵静怡"),
            (entry.Action, entry.EntityType, entry.EntityId, entry.UserName));
    }

    [Fact]
    public async Task A_section_holding_stories_is_not_deleted_and_an_empty_one_is()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await f.DraftAsync(NewsroomFixture.Reporter);
        await using var db = f.Context();
        var desk = Desk(f, db);

        var refused = await desk.DeleteAsync(f.SectionId, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Refused, refused.Outcome);
        Assert.Equal("栏目“文明创建”下还有 1 篇稿件，不能删除。请先把这些稿件改到其他栏目。", refused.Message);
        Assert.True(await db.Sections.AnyAsync(s => s.Id == f.SectionId, Ct));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "section.delete", Ct));

        var empty = await desk.CreateAsync(new SectionInput { Slug = "kong", Name = "空栏目", SortOrder = 5 }, NewsroomFixture.Editor, Ct);
        var deleted = await desk.DeleteAsync(empty.Id, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Saved, deleted.Outcome);
        Assert.False(await db.Sections.AnyAsync(s => s.Id == empty.Id, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "section.delete" && e.Details == "空栏目", Ct));
        Assert.Equal(SaveOutcome.NotFound, (await desk.DeleteAsync(empty.Id, NewsroomFixture.Editor, Ct)).Outcome);
    }

    [Fact]
    public async Task A_save_over_a_newer_save_is_a_conflict_that_returns_what_is_saved_and_who_saved_it()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        var loaded = (await Desk(f, db).LoadAsync(f.SectionId, Ct))!.Input;

        await using var first = f.Context();
        await using var second = f.Context();
        var a = await Desk(f, first).UpdateAsync(f.SectionId, new SectionInput { Slug = "wenming", Name = "文明创建（赵）", SortOrder = 1, Version = loaded.Version }, NewsroomFixture.Editor, Ct);
        var b = await Desk(f, second).UpdateAsync(f.SectionId, new SectionInput { Slug = "wenming", Name = "文明创建（孙）", SortOrder = 1, Version = loaded.Version }, NewsroomFixture.SecondEditor, Ct);

        Assert.Equal(SaveOutcome.Saved, a.Outcome);
        Assert.Equal(SaveOutcome.Conflict, b.Outcome);
        Assert.Equal("文明创建（赵）", b.Saved!.Name);
        Assert.Equal("赵静怡", b.SavedBy);
        Assert.NotEqual(loaded.Version, b.Saved.Version);
        Assert.Contains("这个栏目已被他人修改并保存", b.Errors!.All.Single().Message, StringComparison.Ordinal);
        Assert.Equal("文明创建（赵）", await db.Sections.Where(s => s.Id == f.SectionId).Select(s => s.Name).SingleAsync(Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "section.update", Ct));

        // Saving again with the version now saved is a deliberate overwrite, and goes through.
        var again = await Desk(f, second).UpdateAsync(f.SectionId, new SectionInput { Slug = "wenming", Name = "文明创建（孙）", SortOrder = 1, Version = b.Saved.Version }, NewsroomFixture.SecondEditor, Ct);
        Assert.Equal(SaveOutcome.Saved, again.Outcome);
    }
}
