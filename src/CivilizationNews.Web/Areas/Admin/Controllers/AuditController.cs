using CivilizationNews.Core.Content;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>操作日志: editorial and account actions, newest first, filtered by action prefix and by user.</summary>
[Route("admin/audit")]
[Authorize(Policy = NewsroomSetup.AdminPolicy)]
public sealed class AuditController(NewsDbContext db) : AdminController
{
    private const int PageSize = 50;

    /// <summary>The value of the user filter that selects entries made by the system (the scheduler).</summary>
    public const string SystemUser = "system";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "action")] string? actionPrefix, [FromQuery] string? user, [FromQuery] string? page,
        CancellationToken cancellationToken)
    {
        ViewData["Title"] = "操作日志";
        var query = db.AuditEntries.AsQueryable();
        var prefix = FormValues.Clean(actionPrefix);
        if (prefix is { Length: <= 64 })
        {
            query = query.Where(e => e.Action.StartsWith(prefix));
        }
        var who = FormValues.Clean(user);
        if (who == SystemUser)
        {
            query = query.Where(e => e.UserId == null && e.UserName == AuditActor.System.Name);
        }
        else if (who is { Length: <= 450 })
        {
            query = query.Where(e => e.UserId == who);
        }
        var number = Paging.PageNumber(page);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Id).Skip((number - 1) * PageSize).Take(PageSize)
            .Select(e => new AuditRowView(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Details, e.IpAddress))
            .ToListAsync(cancellationToken);
        var users = await db.Users.OrderBy(u => u.DisplayName).Select(u => new AuditUserOption(u.Id, u.DisplayName + "（" + u.Email + "）"))
            .ToListAsync(cancellationToken);
        return View(new AuditPage(rows, prefix, who, users, number, Paging.PageCount(total, PageSize), total));
    }
}
