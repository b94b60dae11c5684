using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Tags;

public sealed class TagDeskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TagDesk Desk(NewsroomFixture f, NewsDbContext db) => new(db, new AuditLog(db, f.Clock));

    /// <summary>Three stories; 志愿服务 on the first two, 垃圾分类 on the second and third, 无人使用 on none.</summary>
    private static async Task<(int Volunteer, int Waste, int Unused, int[] Stories)> SeedAsync(NewsroomFixture f)
    {
        var stories = new[] { await f.DraftAsync(NewsroomFixture.Reporter, "一"), await f.DraftAsync(NewsroomFixture.Reporter, "二"), await f.DraftAsync(NewsroomFixture.Reporter, "三") };
        await using var db = f.Database.CreateContext();
        var volunteer = new Tag { Name = "志愿服务" };
        var waste = new Tag { Name = "垃圾分类" };
        var unused = new Tag { Name = "无人使用" };
        db.Tags.AddRange(volunteer, waste, unused);
        await db.SaveChangesAsync(Ct);
        db.ArticleTags.AddRange(
            new ArticleTag { ArticleId = stories[0], TagId = volunteer.Id }, new ArticleTag { ArticleId = stories[1], TagId = volunteer.Id },
            new ArticleTag { ArticleId = stories[1], TagId = waste.Id }, new ArticleTag { ArticleId = stories[2], TagId = waste.Id });
        await db.SaveChangesAsync(Ct);
        return (volunteer.Id, waste.Id, unused.Id, stories);
    }

    [Fact]
    public async Task A_rename_is_refused_onto_another_tag_or_with_address_characters_and_is_audited_when_it_happens()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var (volunteer, _, _, _) = await SeedAsync(f);
        await using var db = f.Context();
        var desk = Desk(f, db);

        var onto = await desk.RenameAsync(volunteer, new TagRenameInput { Name = "垃圾分类" }, NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Invalid, onto.Outcome);
        Assert.Equal("已有名为“垃圾分类”的标签。如要把两个标签并为一个，请使用“合并标签”。", onto.Message);
        Assert.Equal("Name", onto.Errors!.All.Single().Field);
        Assert.Equal("标签名不能包含 / \\ ? # % 等符号。", (await desk.RenameAsync(volunteer, new TagRenameInput { Name = "志愿/服务" }, NewsroomFixture.Editor, Ct)).Message);
        Assert.Equal("请填写标签名。", (await desk.RenameAsync(volunteer, new TagRenameInput { Name = " " }, NewsroomFixture.Editor, Ct)).Message);

        var same = await desk.RenameAsync(volunteer, new TagRenameInput { Name = " 志愿服务 " }, NewsroomFixture.Editor, Ct);
        Assert.Equal((SaveOutcome.Saved, "标签名没有变化。"), (same.Outcome, same.Message));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityType == "Tag", Ct));

        var renamed = await desk.RenameAsync(volunteer, new TagRenameInput { Name = "志愿者" }, NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Saved, renamed.Outcome);
        Assert.Equal("志愿者", await db.Tags.Where(t => t.Id == volunteer).Select(t => t.Name).SingleAsync(Ct));
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == "Tag", Ct);
        Assert.Equal(("tag.rename", "志愿服务 → 志愿者"), (entry.Action, entry.Details));
    }

    [Fact]
    public async Task Merging_moves_every_story_once_and_deletes_the_source()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var (volunteer, waste, _, stories) = await SeedAsync(f);
        await using var db = f.Context();
        var desk = Desk(f, db);

        Assert.Equal("请选择两个不同的标签。", (await desk.MergeAsync(new TagMergeInput { SourceId = waste, TargetId = waste }, NewsroomFixture.Editor, Ct)).Message);
        Assert.Equal("请选择要合并的两个标签。", (await desk.MergeAsync(new TagMergeInput { SourceId = waste }, NewsroomFixture.Editor, Ct)).Message);

        var merged = await desk.MergeAsync(new TagMergeInput { SourceId = waste, TargetId = volunteer }, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Saved, merged.Outcome);
        // The second story carried both tags: it keeps one row, the third story gains the target.
        Assert.Equal("已把“垃圾分类”并入“志愿服务”（1 篇稿件改用“志愿服务”）。", merged.Message);
        Assert.False(await db.Tags.AnyAsync(t => t.Id == waste, Ct));
        Assert.Equal(stories, await db.ArticleTags.Where(a => a.TagId == volunteer).OrderBy(a => a.ArticleId).Select(a => a.ArticleId).ToListAsync(Ct));
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == "Tag", Ct);
        Assert.Equal(("tag.merge", "“垃圾分类”并入“志愿服务”，1 篇稿件"), (entry.Action, entry.Details));
    }

    [Fact]
    public async Task Only_an_unused_tag_can_be_deleted_and_the_list_pages_most_used_first()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var (volunteer, _, unused, _) = await SeedAsync(f);
        await using var db = f.Context();
        var desk = Desk(f, db);

        var refused = await desk.DeleteAsync(volunteer, NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Refused, refused.Outcome);
        Assert.Equal("标签“志愿服务”仍用于 2 篇稿件，不能删除。可以把它合并到另一个标签。", refused.Message);

        var listing = await desk.ListAsync(null, 1, Ct);
        Assert.Equal(3, listing.Rows.TotalCount);
        Assert.Equal("无人使用", listing.Rows.Items[^1].Name);
        Assert.Equal(new[] { "垃圾分类", "无人使用", "志愿服务" }.Order(StringComparer.Ordinal), listing.All.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["无人使用"], (await desk.ListAsync(" 无人 ", 1, Ct)).Rows.Items.Select(t => t.Name));

        Assert.Equal(SaveOutcome.Saved, (await desk.DeleteAsync(unused, NewsroomFixture.Editor, Ct)).Outcome);
        Assert.False(await db.Tags.AnyAsync(t => t.Id == unused, Ct));
        Assert.Equal(["tag.delete"], await db.AuditEntries.Where(e => e.EntityType == "Tag").Select(e => e.Action).ToListAsync(Ct));
    }
}
