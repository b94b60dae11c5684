using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Workflow;

public sealed class ArticleWorkflowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reporter_submits_but_cannot_approve_or_publish()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Reporter);
        await using var db = f.Context();
        var workflow = f.Workflow(db);

        Assert.Equal(WorkflowOutcome.Done, (await workflow.MoveAsync(id, ArticleStatus.Submitted, NewsroomFixture.Reporter, null, cancellationToken: Ct)).Outcome);
        Assert.Equal(WorkflowOutcome.Forbidden, (await workflow.MoveAsync(id, ArticleStatus.Approved, NewsroomFixture.Reporter, null, cancellationToken: Ct)).Outcome);
        Assert.Equal(WorkflowOutcome.Forbidden, (await workflow.MoveAsync(id, ArticleStatus.Published, NewsroomFixture.Reporter, null, cancellationToken: Ct)).Outcome);
        Assert.Equal(ArticleStatus.Submitted, await f.StatusAsync(id));
    }

    [Fact]
    public async Task Reporter_cannot_submit_someone_elses_draft()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Reporter);
        await using var db = f.Context();

        var result = await f.Workflow(db).MoveAsync(id, ArticleStatus.Submitted, NewsroomFixture.OtherReporter, null, cancellationToken: Ct);

        Assert.Equal(WorkflowOutcome.Forbidden, result.Outcome);
        Assert.Equal(ArticleStatus.Draft, await f.StatusAsync(id));
    }

    [Fact]
    public async Task Sending_back_needs_a_reason_and_every_step_is_recorded()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Reporter);
        await using var db = f.Context();
        var workflow = f.Workflow(db);
        await workflow.MoveAsync(id, ArticleStatus.Submitted, NewsroomFixture.Reporter, null, cancellationToken: Ct);

        var withoutReason = await workflow.MoveAsync(id, ArticleStatus.Draft, NewsroomFixture.Editor, "  ", cancellationToken: Ct);
        var withReason = await workflow.MoveAsync(id, ArticleStatus.Draft, NewsroomFixture.Editor, "数据请再核实", cancellationToken: Ct);

        Assert.Equal(WorkflowOutcome.Invalid, withoutReason.Outcome);
        Assert.Contains("原因", withoutReason.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowOutcome.Done, withReason.Outcome);
        var steps = await db.ArticleTransitions.Where(t => t.ArticleId == id).OrderBy(t => t.Id).ToListAsync(Ct);
        Assert.Collection(steps,
            s => Assert.Equal((ArticleStatus.Draft, ArticleStatus.Submitted, "刘思远", (string?)null), (s.From, s.To, s.UserName, s.Reason)),
            s => Assert.Equal((ArticleStatus.Submitted, ArticleStatus.Draft, "赵静怡", "数据请再核实"), (s.From, s.To, s.UserName, s.Reason)));
        Assert.Equal(["article.create", "article.submitted", "article.draft"],
            await db.AuditEntries.Where(a => a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task Editor_approves_schedules_and_publishes()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Reporter);
        await using var db = f.Context();
        var workflow = f.Workflow(db);
        await workflow.MoveAsync(id, ArticleStatus.Submitted, NewsroomFixture.Reporter, null, cancellationToken: Ct);
        await workflow.MoveAsync(id, ArticleStatus.Approved, NewsroomFixture.Editor, null, cancellationToken: Ct);

        var past = await workflow.MoveAsync(id, ArticleStatus.Scheduled, NewsroomFixture.Editor, null, f.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5), Ct);
        var future = await workflow.MoveAsync(id, ArticleStatus.Scheduled, NewsroomFixture.Editor, null, f.Clock.GetUtcNow().UtcDateTime.AddHours(2), Ct);

        Assert.Equal(WorkflowOutcome.Invalid, past.Outcome);
        Assert.Equal(WorkflowOutcome.Done, future.Outcome);
        Assert.Equal(ArticleStatus.Scheduled, await f.StatusAsync(id));
        Assert.Equal(WorkflowOutcome.Done, (await workflow.MoveAsync(id, ArticleStatus.Published, NewsroomFixture.Editor, null, cancellationToken: Ct)).Outcome);
        var published = await db.Articles.SingleAsync(a => a.Id == id, Ct);
        Assert.Equal(f.Clock.GetUtcNow().UtcDateTime, published.PublishedAt);
        Assert.Null(published.ScheduledAt);
        Assert.Equal(WorkflowOutcome.Invalid, (await workflow.MoveAsync(id, ArticleStatus.Withdrawn, NewsroomFixture.Editor, null, cancellationToken: Ct)).Outcome);
        Assert.Equal(WorkflowOutcome.Done, (await workflow.MoveAsync(id, ArticleStatus.Withdrawn, NewsroomFixture.Editor, "当事单位要求更正", cancellationToken: Ct)).Outcome);
    }

    [Fact]
    public async Task Reporter_may_edit_own_draft_only()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.DraftAsync(NewsroomFixture.Reporter);
        await using var db = f.Context();
        var desk = f.Desk(db);
        var version = await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(Ct);

        var other = await desk.UpdateAsync(id, f.Input("别人改的"), version, NewsroomFixture.OtherReporter, cancellationToken: Ct);
        var own = await desk.UpdateAsync(id, f.Input("自己改的"), version, NewsroomFixture.Reporter, cancellationToken: Ct);
        await f.Workflow(db).MoveAsync(id, ArticleStatus.Submitted, NewsroomFixture.Reporter, null, cancellationToken: Ct);
        var afterSubmit = await desk.UpdateAsync(id, f.Input("提交后再改"), own.Version, NewsroomFixture.Reporter, cancellationToken: Ct);

        Assert.Equal(SaveOutcome.Forbidden, other.Outcome);
        Assert.Equal(SaveOutcome.Saved, own.Outcome);
        Assert.Equal(SaveOutcome.Forbidden, afterSubmit.Outcome);
    }
}
