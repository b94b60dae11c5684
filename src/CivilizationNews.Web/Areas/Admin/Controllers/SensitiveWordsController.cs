using CivilizationNews.Core.Precheck;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 敏感词: administrators keep the list the pre-publish check matches stories against. Every change goes
/// through <see cref="SensitiveWordDesk"/> (validated, audited) and ends on the list with a message.
/// </summary>
[Route("admin/sensitive-words")]
[Authorize(Policy = NewsroomSetup.AdminPolicy)]
public sealed partial class SensitiveWordsController(SensitiveWordDesk desk, ILogger<SensitiveWordsController> logger) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "敏感词";
        return View(new SensitiveWordsPage(await desk.ListAsync(cancellationToken), new SensitiveWordInput()));
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(SensitiveWordInput form, CancellationToken cancellationToken)
    {
        var result = await desk.AddAsync(form, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                var user = CurrentUser.Name;
                LogAdded(logger, result.Id, form.Level, user);
                Flash(result.Message!);
                return RedirectToAction(nameof(Index));
            case SaveOutcome.Forbidden:
                return Forbid();
        }
        // The word typed stays in the form beside the refusal.
        ViewData["Title"] = "敏感词";
        ShowErrors(result.Errors);
        FlashError("敏感词未添加，请按提示修改。");
        return View(nameof(Index), new SensitiveWordsPage(await desk.ListAsync(cancellationToken), form));
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await desk.DeleteAsync(id, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Forbidden:
                return Forbid();
        }
        var by = CurrentUser.Name;
        LogDeleted(logger, id, by);
        Flash(result.Message!);
        return RedirectToAction(nameof(Index));
    }

    [LoggerMessage(EventId = 5483, Level = LogLevel.Information, Message = "Sensitive word {Id} ({Level}) added by {User}")]
    private static partial void LogAdded(ILogger logger, int id, SensitiveWordLevel level, string user);

    [LoggerMessage(EventId = 5484, Level = LogLevel.Information, Message = "Sensitive word {Id} removed by {User}")]
    private static partial void LogDeleted(ILogger logger, int id, string user);
}
