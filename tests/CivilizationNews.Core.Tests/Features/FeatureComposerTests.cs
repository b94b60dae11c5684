using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Features;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Features;

public sealed class FeatureComposerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FeatureComposer Composer(NewsroomFixture f, NewsDbContext db) => new(db, new AuditLog(db, f.Clock));

    private static async Task<int> FeatureAsync(NewsroomFixture f, int lead)
    {
        await using var db = f.Context();
        var created = await Composer(f, db).CreateAsync(new FeatureInput { Slug = "roundup", Title = "年度盘点", LeadArticleId = lead }, NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Saved, created.Outcome);
        return created.FeatureId;
    }

    [Fact]
    public async Task Refusals_are_keyed_by_the_field_they_concern()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();

        var result = await Composer(f, db).CreateAsync(new FeatureInput { Slug = "Not A Slug", Title = " ", LeadArticleId = 999 }, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal(["Slug", "Title", "LeadArticleId"], result.Errors!.All.Select(e => e.Field));
        Assert.Contains(result.Errors.All, e => e.Message == "请选择主稿。");
        Assert.False(await db.Features.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_stale_save_is_a_conflict_that_carries_the_saved_details_and_who_saved_them()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var lead = await f.DraftAsync(NewsroomFixture.Editor, "主稿");
        var id = await FeatureAsync(f, lead);
        await using var db = f.Context();
        var loaded = await db.Features.Where(x => x.Id == id).Select(x => x.Version).SingleAsync(Ct);
        var first = new FeatureInput { Slug = "roundup", Title = "甲改的标题", LeadArticleId = lead, Version = loaded };
        var second = first with { Title = "乙改的标题" };

        var saved = await Composer(f, f.Context()).UpdateAsync(id, first, NewsroomFixture.SecondEditor, Ct);
        var stale = await Composer(f, f.Context()).UpdateAsync(id, second, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.Equal("甲改的标题", stale.Saved!.Title);
        Assert.NotEqual(loaded, stale.Saved.Version);
        Assert.Equal("孙明阳", stale.SavedBy);
        Assert.Contains("已被他人修改", stale.FirstError, StringComparison.Ordinal);
        Assert.Equal("甲改的标题", await db.Features.Where(x => x.Id == id).Select(x => x.Title).SingleAsync(Ct));
    }

    [Fact]
    public async Task A_published_feature_is_refused_deletion()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await FeatureAsync(f, await f.DraftAsync(NewsroomFixture.Editor, "主稿"));
        await using var db = f.Context();
        await db.Features.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsPublished, true), Ct);

        var result = await Composer(f, db).DeleteAsync(id, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Refused, result.Outcome);
        Assert.Contains("请先撤下", result.FirstError, StringComparison.Ordinal);
        Assert.True(await db.Features.AnyAsync(x => x.Id == id, Ct));
    }
}
