using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>操作日志: editorial and account actions, newest first, filtered by action prefix and by user (<see cref="AuditReader"/>).</summary>
[Route("admin/audit")]
[Authorize(Policy = NewsroomSetup.AdminPolicy)]
public sealed class AuditController(AuditReader reader) : AdminController
{
    /// <summary>
    /// The query is read by name: "action" is also MVC's route value for the action, which would win
    /// over the query string in ordinary binding.
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = AuditPage.ActionKey)] string? actionPrefix, [FromQuery(Name = AuditPage.UserKey)] string? user,
        [FromQuery] string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "操作日志";
        return View(new AuditPage(await reader.ListAsync(actionPrefix, user, Paging.PageNumber(page), cancellationToken)));
    }
}
