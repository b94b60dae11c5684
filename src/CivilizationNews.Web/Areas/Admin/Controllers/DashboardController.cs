using CivilizationNews.Core.Dashboard;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>工作台: my drafts, waiting for review, scheduled (overdue highlighted), recently published (<see cref="DashboardReader"/>).</summary>
[Route("admin")]
public sealed class DashboardController(DashboardReader reader) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "工作台";
        return View(await reader.ReadAsync(CurrentUser, cancellationToken));
    }
}
