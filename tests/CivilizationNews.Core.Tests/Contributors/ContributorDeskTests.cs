using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Contributors;

public sealed class ContributorDeskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ContributorDesk Desk(NewsroomFixture f, NewsDbContext db) => new(db, new AuditLog(db, f.Clock));

    private static ContributorInput Input(string slug, string name, CreditRole role = CreditRole.Reporter) =>
        new() { Slug = slug, Name = name, UsualRole = role, Organisation = "本报" };

    [Fact]
    public async Task A_contributor_is_validated_in_Chinese_then_created_and_found_by_organisation()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        var desk = Desk(f, db);
        Assert.Equal(SaveOutcome.Saved, (await desk.CreateAsync(Input("liusiyuan", "刘思远"), NewsroomFixture.Editor, Ct)).Outcome);

        var refused = await desk.CreateAsync(new ContributorInput { Slug = "liusiyuan", Name = new string('名', 51), UsualRole = (CreditRole)99, Organisation = new string('单', 101) }, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.Equal(
            [("Slug", "这个网址名已被另一位作者使用。"), ("Name", "姓名不超过 50 字。"), ("Organisation", "所在单位不超过 100 字。"), ("UsualRole", "请选择常用身份。")],
            refused.Errors!.All.Select(e => (e.Field, e.Message)));
        Assert.Equal(Slugs.Rule, (await desk.CreateAsync(Input("刘思远", "刘思远"), NewsroomFixture.Editor, Ct)).Errors!.All.Single().Message);

        var found = await desk.ListAsync("本报", Ct);
        Assert.Equal(["刘思远"], found.Select(c => c.Name));
        Assert.Equal(["contributor.create"], await db.AuditEntries.Select(e => e.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_credited_contributor_is_not_deleted_and_the_refusal_names_every_use()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var story = await f.DraftAsync(NewsroomFixture.Reporter);
        await using var db = f.Context();
        var desk = Desk(f, db);
        var credited = await desk.CreateAsync(Input("wanglei", "王磊"), NewsroomFixture.Editor, Ct);
        await using (var write = f.Database.CreateContext())
        {
            write.ArticleCredits.Add(new ArticleCredit { ArticleId = story, ContributorId = credited.Id, Role = CreditRole.Reporter });
            await write.SaveChangesAsync(Ct);
        }

        var refused = await desk.DeleteAsync(credited.Id, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Refused, refused.Outcome);
        Assert.Equal("作者“王磊”仍用于1 篇稿件的署名，不能删除。", refused.Message);
        Assert.True(await db.Contributors.AnyAsync(c => c.Id == credited.Id, Ct));
        Assert.Equal(1, (await desk.LoadAsync(credited.Id, Ct))!.Credits);

        var free = await desk.CreateAsync(Input("linshi", "临时作者"), NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Saved, (await desk.DeleteAsync(free.Id, NewsroomFixture.Editor, Ct)).Outcome);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "contributor.delete" && e.Details == "临时作者", Ct));
    }

    [Fact]
    public async Task A_stale_save_is_a_conflict_and_writes_nothing()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        var created = await Desk(f, db).CreateAsync(Input("xuyun", "徐云", CreditRole.PhotoJournalist), NewsroomFixture.Editor, Ct);
        var loaded = (await Desk(f, db).LoadAsync(created.Id, Ct))!.Input;

        await using var first = f.Context();
        await using var second = f.Context();
        var edited = Input("xuyun", "徐云", CreditRole.Reporter);
        edited.Version = loaded.Version;
        Assert.Equal(SaveOutcome.Saved, (await Desk(f, first).UpdateAsync(created.Id, edited, NewsroomFixture.SecondEditor, Ct)).Outcome);
        var stale = Input("xuyun", "徐云（改）", CreditRole.SpecialWriter);
        stale.Version = loaded.Version;
        var result = await Desk(f, second).UpdateAsync(created.Id, stale, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Conflict, result.Outcome);
        Assert.Equal((CreditRole.Reporter, "孙明阳"), (result.Saved!.UsualRole, result.SavedBy));
        Assert.Equal(("徐云", CreditRole.Reporter), await db.Contributors.Where(c => c.Id == created.Id).Select(c => new ValueTuple<string, CreditRole>(c.Name, c.UsualRole)).SingleAsync(Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "contributor.update", Ct));
    }
}
