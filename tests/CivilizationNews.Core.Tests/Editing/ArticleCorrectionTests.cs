using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Editing;

/// <summary>ArticleDesk.CorrectAsync: who may correct what, and the history kept around a correction.</summary>
public sealed class ArticleCorrectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Id, Guid Version)> PublishedAsync(NewsroomFixture fixture, bool withRevision = true)
    {
        await using var db = fixture.Context();
        int id;
        if (withRevision)
        {
            id = (await fixture.Desk(db).CreateAsync(fixture.Input("志愿红点亮城市文明", "原文称300名志愿者。"), NewsroomFixture.Editor, Ct)).ArticleId;
        }
        else
        {
            // As the demo seed and older stories are: saved without going through the editor.
            var article = new Article { Title = "志愿红点亮城市文明", Body = "原文称300名志愿者。", SectionId = fixture.SectionId, CreatedAt = DateTime.UtcNow };
            db.Articles.Add(article);
            await db.SaveChangesAsync(Ct);
            id = article.Id;
        }
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, ArticleStatus.Published).SetProperty(a => a.PublishedAt, DateTime.UtcNow.AddHours(-1)), Ct);
        return (id, await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(Ct));
    }

    private static CorrectionInput Correction(string? wrong = "原文称300名志愿者", string? right = "应为3000名") => new() { Wrong = wrong, Right = right };

    [Fact]
    public async Task A_correction_keeps_the_text_before_it_even_for_a_story_that_never_had_a_revision()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var (id, version) = await PublishedAsync(fixture, withRevision: false);

        await using (var db = fixture.Context())
        {
            var result = await fixture.Desk(db).CorrectAsync(id, fixture.Input("志愿红点亮城市文明", "活动共有3000名志愿者。"), version, Correction(), NewsroomFixture.Editor, Ct);
            Assert.Equal(SaveOutcome.Saved, result.Outcome);
            Assert.NotEqual(version, result.Version);
        }

        await using var check = fixture.Context();
        var correction = await check.ArticleCorrections.Where(c => c.ArticleId == id)
            .Select(c => new { c.Wrong, c.Right, c.UserName, Before = c.BeforeRevision!.Body, BeforeNote = c.BeforeRevision.Note, After = c.Revision!.Body, AfterNote = c.Revision.Note })
            .SingleAsync(Ct);
        Assert.Equal(("原文称300名志愿者", "应为3000名", "赵静怡"), (correction.Wrong, correction.Right, correction.UserName));
        Assert.Equal(("原文称300名志愿者。", "更正前的版本"), (correction.Before, correction.BeforeNote));
        Assert.Equal(("活动共有3000名志愿者。", "更正：原文称300名志愿者"), (correction.After, correction.AfterNote));
        Assert.Equal("活动共有3000名志愿者。", await check.Articles.Where(a => a.Id == id).Select(a => a.Body).SingleAsync(Ct));
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "article.correct", Ct));
    }

    [Fact]
    public async Task An_unchanged_text_still_moves_the_storys_updated_time_and_points_to_its_last_revision()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var (id, version) = await PublishedAsync(fixture);
        await using var db = fixture.Context();
        var updatedBefore = await db.Articles.Where(a => a.Id == id).Select(a => a.UpdatedAt).SingleAsync(Ct);
        var lastRevision = await db.ArticleRevisions.Where(r => r.ArticleId == id).MaxAsync(r => r.Id, Ct);

        var result = await fixture.Desk(db).CorrectAsync(id, fixture.Input("志愿红点亮城市文明", "原文称300名志愿者。"), version, Correction(), NewsroomFixture.SecondEditor, Ct);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        await using var check = fixture.Context();
        Assert.True(await check.Articles.Where(a => a.Id == id).Select(a => a.UpdatedAt).SingleAsync(Ct) > updatedBefore);
        Assert.Equal(lastRevision, await check.ArticleCorrections.Where(c => c.ArticleId == id).Select(c => c.BeforeRevisionId).SingleAsync(Ct));
    }

    [Fact]
    public async Task Only_editors_correct_only_published_stories_and_a_stale_or_empty_correction_writes_nothing()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var (id, version) = await PublishedAsync(fixture);
        var draft = await fixture.DraftAsync(NewsroomFixture.Reporter);
        await using var db = fixture.Context();
        var desk = fixture.Desk(db);
        var input = fixture.Input("志愿红点亮城市文明", "改过的正文。");

        Assert.Equal(SaveOutcome.Forbidden, (await desk.CorrectAsync(id, input, version, Correction(), NewsroomFixture.Reporter, Ct)).Outcome);
        Assert.Equal(SaveOutcome.Forbidden, (await desk.CorrectAsync(id, input, version, Correction(), NewsroomFixture.Correspondent, Ct)).Outcome);
        Assert.Equal(SaveOutcome.Conflict, (await desk.CorrectAsync(id, input, Guid.NewGuid(), Correction(), NewsroomFixture.Editor, Ct)).Outcome);
        var blank = await desk.CorrectAsync(id, input, version, Correction(right: " "), NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Invalid, blank.Outcome);
        Assert.Equal(("Correction.Right", "请填写更正内容。"), (blank.Errors!.All[0].Field, blank.Errors.All[0].Message));
        var tooLong = await desk.CorrectAsync(id, input, version, Correction(wrong: new string('错', ArticleCorrection.TextMaxLength + 1)), NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Invalid, tooLong.Outcome);
        var draftVersion = await db.Articles.Where(a => a.Id == draft).Select(a => a.Version).SingleAsync(Ct);
        var unpublished = await desk.CorrectAsync(draft, input, draftVersion, Correction(), NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Invalid, unpublished.Outcome);
        Assert.Contains(unpublished.Errors!.All, e => e.Message.Contains("只有已发布的稿件可以登记更正", StringComparison.Ordinal));

        await using var check = fixture.Context();
        Assert.Equal(0, await check.ArticleCorrections.CountAsync(Ct));
        Assert.Equal("原文称300名志愿者。", await check.Articles.Where(a => a.Id == id).Select(a => a.Body).SingleAsync(Ct));
    }
}
