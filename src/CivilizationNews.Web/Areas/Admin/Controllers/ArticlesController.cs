using System.Globalization;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Precheck;
using CivilizationNews.Core.Time;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 稿件: list, write, edit with live preview and autosave, workflow, revisions. Reads go through
/// <see cref="ArticleEditorReader"/>, writes through <see cref="ArticleDesk"/> and <see cref="ArticleWorkflow"/>.
/// A save over someone else's newer save answers 409 with the editor's input kept beside what is saved now.
/// </summary>
[Route("admin/articles")]
public sealed partial class ArticlesController(
    ArticleEditorReader reader, ArticleDesk desk, ArticleWorkflow workflow, EditPresence presence, MarkdownRenderer renderer, TimeProvider clock,
    PublishCheck check, ContributorDesk contributors, ILogger<ArticlesController> logger) : AdminController
{
    private const string NotSavedMessage = "稿件未保存，请按提示修改。您输入的内容都还在。";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? status, string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "稿件";
        ArticleStatus? filter = Enum.TryParse<ArticleStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        var rows = await reader.ListAsync(CurrentUser, filter, Paging.PageNumber(page), cancellationToken);
        return View(new ArticleListPage(rows, filter));
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "写稿";
        if (!NewsroomPermissions.CanCreate(CurrentUser))
        {
            return Forbid();
        }
        return View("Edit", new EditorPage(ArticleEditorReader.NewForm(CurrentUser), await reader.EditorAsync(null, CurrentUser, cancellationToken)));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(ArticleForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "写稿";
        var result = await desk.CreateAsync(form.ToInput(), CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash("稿件已保存为草稿。" + NewContributorsNote(result));
                return RedirectToAction(nameof(Edit), new { id = result.ArticleId });
            case SaveOutcome.Forbidden:
                return Forbid();
            default:
                ShowErrors(result.Errors);
                FlashError(NotSavedMessage);
                return View("Edit", new EditorPage(form, await reader.EditorAsync(null, CurrentUser, cancellationToken)));
        }
    }

    [HttpGet("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var editing = await reader.OpenAsync(id, CurrentUser, cancellationToken);
        if (editing is null)
        {
            return NotFound();
        }
        if (editing.Editor is null)
        {
            return Forbid();
        }
        ViewData["Title"] = $"编辑：{editing.Title}";
        return View(new EditorPage(editing.Form, editing.Editor) { Check = await check.CheckArticleAsync(id, cancellationToken) });
    }

    [HttpPost("{id:int:min(1)}/edit")]
    public Task<IActionResult> Edit(int id, ArticleForm form, CancellationToken cancellationToken) =>
        SaveAsync(id, form, null, "已保存。", cancellationToken);

    /// <summary>
    /// Saves from the conflict panel: the editor's text (merged or as it was) over the version saved now, noted as
    /// a conflict resolution; or, with keep=theirs, keeps the saved version and files the editor's text as an
    /// autosave revision. Nothing is lost: both texts remain as revisions.
    /// </summary>
    [HttpPost("{id:int:min(1)}/resolve")]
    public async Task<IActionResult> Resolve(int id, ArticleForm form, string? keep, CancellationToken cancellationToken)
    {
        if (keep == "theirs")
        {
            var kept = await desk.AutosaveAsync(id, form.Text, CurrentUser, cancellationToken);
            switch (kept.Outcome)
            {
                case SaveOutcome.NotFound:
                    return NotFound();
                case SaveOutcome.Forbidden:
                    return Forbid();
            }
            Flash("已保留对方的版本，您的文本已存为一个自动保存版本，可在“版本记录”中找回。");
            return RedirectToAction(nameof(Edit), new { id });
        }
        return await SaveAsync(id, form, keep == "mine" ? "冲突：保留我的版本" : "冲突：合并保存", keep is null ? "已保存。" : "已保存合并后的稿件。", cancellationToken);
    }

    /// <summary>
    /// 更正: the editor form saved together with a dated correction, from the editor page of a published story
    /// (the form's second button). Editors only. A refusal shows the form again with everything typed kept.
    /// </summary>
    [HttpPost("{id:int:min(1)}/correct")]
    [Authorize(Policy = NewsroomSetup.EditorPolicy)]
    public async Task<IActionResult> Correct(int id, ArticleForm form, [Bind(Prefix = "Correction")] CorrectionInput correction, CancellationToken cancellationToken)
    {
        var result = await desk.CorrectAsync(id, form.ToInput(), form.Version, correction, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                LogCorrected(logger, id, CurrentUser.Name);
                Flash("已登记更正，并保存了稿件。更正将显示在稿件页末尾和“更正”页面上。");
                return RedirectToAction(nameof(Edit), new { id });
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Forbidden:
                return Forbid();
        }
        LogCorrectionRefused(logger, id, CurrentUser.Name, result.Outcome);
        ViewData["Title"] = $"编辑：{form.Title}";
        ShowErrors(result.Errors);
        var editor = await reader.EditorAsync(id, CurrentUser, cancellationToken);
        if (result.Outcome == SaveOutcome.Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Edit", new EditorPage(form with { Version = result.Version }, editor, ArticleConflict.Of(result, form.Text)) { Correction = correction });
        }
        FlashError("更正未登记，稿件也未保存，请按提示修改。您输入的内容都还在。");
        return View("Edit", new EditorPage(form, editor) { Correction = correction });
    }

    private async Task<IActionResult> SaveAsync(int id, ArticleForm form, string? note, string savedMessage, CancellationToken cancellationToken)
    {
        var result = await desk.UpdateAsync(id, form.ToInput(), form.Version, CurrentUser, note, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash(savedMessage + NewContributorsNote(result));
                return RedirectToAction(nameof(Edit), new { id });
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Forbidden:
                return Forbid();
        }
        ViewData["Title"] = $"编辑：{form.Title}";
        ShowErrors(result.Errors);
        var editor = await reader.EditorAsync(id, CurrentUser, cancellationToken);
        if (result.Outcome == SaveOutcome.Conflict)
        {
            // The editor's input stays; the form now carries the saved Version, so saving again is deliberate.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Edit", new EditorPage(form with { Version = result.Version }, editor, ArticleConflict.Of(result, form.Text)));
        }
        FlashError(NotSavedMessage);
        return View("Edit", new EditorPage(form, editor) { Check = await check.CheckArticleAsync(id, cancellationToken) });
    }

    /// <summary>Says which contributors a save created from typed byline names (and logs them).</summary>
    private string NewContributorsNote(SaveResult result)
    {
        if (result.NewContributors.Count == 0)
        {
            return string.Empty;
        }
        var names = string.Join("、", result.NewContributors);
        LogContributorsCreated(logger, result.ArticleId, names, CurrentUser.Name);
        return $"已在作者库中新建作者：{names}。";
    }

    /// <summary>
    /// 署名 lookup for the byline rows: contributors whose name contains the typed text, as JSON
    /// ([{ id, name, label, role }]). Any newsroom member who writes may look names up.
    /// </summary>
    [HttpGet("contributors")]
    public async Task<IActionResult> ContributorLookup(string? q, CancellationToken cancellationToken)
    {
        var found = await contributors.LookupAsync(q, 10, cancellationToken);
        return Json(found.Select(c => new { id = c.Id, name = c.Name, label = c.Label, role = c.UsualRole.ToString(), roleLabel = c.UsualRole.Label() }));
    }

    /// <summary>
    /// 发布前检查 of the editor form as it is now (unsaved), for the panel beside the workflow buttons: the same
    /// check the move runs on the saved story. Answers the panel's HTML.
    /// </summary>
    [HttpPost("precheck")]
    public async Task<IActionResult> Precheck(ArticleForm form, int? articleId, CancellationToken cancellationToken)
    {
        var input = form.ToInput();
        var report = await check.CheckAsync(new PrecheckSubject(articleId, form.Text, input.SectionId, input.PhotoIds), cancellationToken);
        return PartialView("_Precheck", new PrecheckPanel(report, Unsaved: true));
    }

    /// <summary>The live preview: the same renderer the public page uses.</summary>
    [HttpPost("preview")]
    public IActionResult Preview([FromForm] string? body, [FromForm] string? dateline) =>
        PartialView("_Preview", renderer.Render(body ?? string.Empty, dateline));

    [HttpPost("{id:int:min(1)}/autosave")]
    public async Task<IActionResult> Autosave(int id, [FromForm] ArticleForm form, CancellationToken cancellationToken)
    {
        var result = await desk.AutosaveAsync(id, form.Text, CurrentUser, cancellationToken);
        if (result.Outcome != SaveOutcome.Saved)
        {
            return result.Outcome == SaveOutcome.NotFound ? NotFound() : Forbid();
        }
        var others = await presence.HeartbeatAsync(id, CurrentUser, cancellationToken) ?? [];
        return Json(new { saved = ChinaTime.FormatDateTime(clock.GetUtcNow().UtcDateTime), others, conflict = result.Version != form.Version });
    }

    [HttpPost("{id:int:min(1)}/heartbeat")]
    public async Task<IActionResult> Heartbeat(int id, CancellationToken cancellationToken)
    {
        if (await presence.HeartbeatAsync(id, CurrentUser, cancellationToken) is not { } others)
        {
            return await reader.ExistsAsync(id, cancellationToken) ? Forbid() : NotFound();
        }
        return Json(new { others });
    }

    [HttpPost("{id:int:min(1)}/transition")]
    public async Task<IActionResult> Transition(int id, string? to, string? reason, string? scheduleAt, string? acknowledge, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ArticleStatus>(to, ignoreCase: true, out var target) || !Enum.IsDefined(target))
        {
            FlashError("未知的操作。");
            return RedirectToAction(nameof(Edit), new { id });
        }
        DateTime? at = null;
        if (target == ArticleStatus.Scheduled)
        {
            if (!DateTime.TryParseExact(scheduleAt, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                FlashError("请填写正确的发布时间。");
                return RedirectToAction(nameof(Edit), new { id });
            }
            at = ChinaTime.ToUtc(local);
        }
        var result = await workflow.MoveAsync(id, target, CurrentUser, reason, at, acknowledge, cancellationToken);
        if (result.Check is { } refused)
        {
            LogMoveRefusedByCheck(logger, id, target, CurrentUser.Name, refused.Errors.Count, refused.Warnings.Count);
        }
        if (result.Acknowledged.Count > 0)
        {
            LogWarningsAcknowledged(logger, id, target, CurrentUser.Name, result.Acknowledged.Count);
        }
        switch (result.Outcome)
        {
            case WorkflowOutcome.Done:
                Flash(target switch
                {
                    ArticleStatus.Submitted => "已提交审核。",
                    ArticleStatus.Approved => "已审核通过。",
                    ArticleStatus.Scheduled => $"已排期，将于{ChinaTime.FormatDateTime(at!.Value)}发布。",
                    ArticleStatus.Published => "已发布。",
                    ArticleStatus.Draft => "已退回为草稿。",
                    ArticleStatus.Withdrawn => "已撤回。",
                    ArticleStatus.Archived => "已归档。",
                    _ => "已更新。",
                });
                break;
            case WorkflowOutcome.NotFound:
                return NotFound();
            case WorkflowOutcome.Forbidden:
                return Forbid();
            default:
                FlashError(result.Message ?? "操作未完成。");
                break;
        }
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpGet("{id:int:min(1)}/revisions")]
    public async Task<IActionResult> Revisions(int id, CancellationToken cancellationToken)
    {
        var revisions = await reader.RevisionsAsync(id, CurrentUser, cancellationToken);
        if (revisions is null)
        {
            return NotFound();
        }
        if (!revisions.CanView)
        {
            return Forbid();
        }
        ViewData["Title"] = $"版本记录：{revisions.Title}";
        return View(revisions);
    }

    [HttpGet("{id:int:min(1)}/diff")]
    public async Task<IActionResult> Diff(int id, long a, long b, CancellationToken cancellationToken)
    {
        var diff = await reader.DiffAsync(id, a, b, CurrentUser, cancellationToken);
        if (diff is null)
        {
            return NotFound();
        }
        if (!diff.CanView)
        {
            return Forbid();
        }
        ViewData["Title"] = "版本对比";
        return View(diff);
    }

    [HttpPost("{id:int:min(1)}/revisions/{revision:long:min(1)}/restore")]
    public async Task<IActionResult> Restore(int id, long revision, CancellationToken cancellationToken)
    {
        var result = await desk.RestoreAsync(id, revision, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash($"已恢复版本 #{revision}，并生成了新的版本记录。");
                return RedirectToAction(nameof(Edit), new { id });
            case SaveOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    [LoggerMessage(EventId = 5480, Level = LogLevel.Information, Message = "Move of story {ArticleId} to {Target} by {User} refused by the pre-publish check: {Errors} error(s), {Warnings} warning(s)")]
    private static partial void LogMoveRefusedByCheck(ILogger logger, int articleId, ArticleStatus target, string user, int errors, int warnings);

    [LoggerMessage(EventId = 5481, Level = LogLevel.Information, Message = "Story {ArticleId} moved to {Target} by {User} with {Count} pre-publish warning(s) acknowledged")]
    private static partial void LogWarningsAcknowledged(ILogger logger, int articleId, ArticleStatus target, string user, int count);

    [LoggerMessage(EventId = 5485, Level = LogLevel.Information, Message = "Saving story {ArticleId} by {User} created contributors {Names}")]
    private static partial void LogContributorsCreated(ILogger logger, int articleId, string names, string user);

    [LoggerMessage(EventId = 5465, Level = LogLevel.Information, Message = "Correction to story {ArticleId} by {User} not recorded: {Outcome}")]
    private static partial void LogCorrectionRefused(ILogger logger, int articleId, string user, SaveOutcome outcome);

    [LoggerMessage(EventId = 5466, Level = LogLevel.Information, Message = "Correction to story {ArticleId} recorded by {User}")]
    private static partial void LogCorrected(ILogger logger, int articleId, string user);
}
