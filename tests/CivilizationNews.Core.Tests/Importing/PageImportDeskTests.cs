using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>The admin import's checks: where the page goes, what was given, and the posted review, which the server does not keep.</summary>
public sealed class PageImportDeskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Page = "市人社局 “零跑腿”服务跑出加速度\n\n本报讯 近日，市人社局推出“零跑腿”服务。\n";

    private static PageImportDesk Desk(NewsroomFixture f, NewsDbContext db) => new(db, new DraftCreator(db, new AuditLog(db, f.Clock), f.Clock), f.Clock);

    private static ImportTargetInput Target(NewsroomFixture f) => new() { Date = "2021-12-10", PageNumber = "3", PageName = "专版", SectionId = f.SectionId };

    [Fact]
    public async Task A_wrong_target_is_refused_field_by_field_before_the_text_is_read()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();

        var result = await Desk(f, db).ParseAsync(new ImportTargetInput { Date = "2021-13-40", PageNumber = "0", SectionId = 999 }, Page, null, Ct);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal(["Date", "PageNumber", "SectionId"], result.Errors!.All.Select(e => e.Field));
        Assert.Equal("target", result.Reason);
        Assert.Equal("请填写出版日期（如 2021-12-10）。 版次请填写 1–999 的数字。 请选择栏目。", result.Message);
    }

    [Fact]
    public async Task Text_and_file_together_or_neither_are_refused_and_pasted_text_becomes_a_proposal()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        await using var file = new MemoryStream("文字"u8.ToArray());

        var both = await Desk(f, db).ParseAsync(Target(f), Page, new ImportFile(file, file.Length), Ct);
        var neither = await Desk(f, db).ParseAsync(Target(f), "  ", null, Ct);
        var pasted = await Desk(f, db).ParseAsync(Target(f), Page, null, Ct);

        Assert.Equal((SaveOutcome.Invalid, PageImportDesk.BothGivenMessage, "both"), (both.Outcome, both.Message, both.Reason));
        Assert.Equal((SaveOutcome.Invalid, PageImportDesk.NothingGivenMessage, "nothing"), (neither.Outcome, neither.Message, neither.Reason));
        Assert.Equal(SaveOutcome.Saved, pasted.Outcome);
        Assert.Contains("“零跑腿”服务跑出加速度", Assert.Single(pasted.Proposal!.Articles).Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_posted_review_is_checked_again_and_a_batch_is_created_once()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        var parsed = await Desk(f, db).ParseAsync(Target(f), Page, null, Ct);
        var proposal = parsed.Proposal! with { Warnings = [new ImportWarning(ImportWarningKind.Unattached, "一段没有归属的文字。", null)] };
        var review = new ImportReviewInput
        {
            Date = "2021-12-10", PageNumber = "3", SectionId = f.SectionId, Source = parsed.Text, Batch = Guid.NewGuid().ToString("N"),
            Proposal = ImportJson.Serialize(proposal), UnitChoice = [""],
        };

        var corrupt = await Desk(f, db).CreateAsync(review with { Batch = "not-a-key" }, NewsroomFixture.Editor, Ct);
        var unconfirmed = await Desk(f, db).CreateAsync(review, NewsroomFixture.Editor, Ct);
        var mismatched = await Desk(f, db).CreateAsync(review with { ConfirmUnattached = true, UnitChoice = ["", ""] }, NewsroomFixture.Editor, Ct);
        Assert.False(await db.Articles.AnyAsync(Ct));

        var created = await Desk(f, db).CreateAsync(review with { ConfirmUnattached = true }, NewsroomFixture.Editor, Ct);
        var again = await Desk(f, f.Context()).CreateAsync(review with { ConfirmUnattached = true }, NewsroomFixture.Editor, Ct);

        Assert.Equal((SaveOutcome.Refused, PageImportDesk.CorruptBatchMessage), (corrupt.Outcome, corrupt.Message));
        Assert.Equal((SaveOutcome.Invalid, PageImportDesk.ConfirmUnattachedMessage), (unconfirmed.Outcome, unconfirmed.Message));
        Assert.Equal((SaveOutcome.Invalid, PageImportDesk.UnitChoicesMessage), (mismatched.Outcome, mismatched.Message));
        Assert.Equal((SaveOutcome.Saved, false), (created.Outcome, created.Repeated));
        Assert.Equal((SaveOutcome.Saved, true, review.Batch), (again.Outcome, again.Repeated, again.Batch));
        Assert.Equal(1, await db.Articles.CountAsync(Ct));
        var batch = await Desk(f, db).BatchAsync(Guid.ParseExact(review.Batch!, "N"), Ct);
        Assert.Equal(proposal.Articles.Select(a => a.Title), batch!.Articles.Select(a => a.Title));
    }
}
