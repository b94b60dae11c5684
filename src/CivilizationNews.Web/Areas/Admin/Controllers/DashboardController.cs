using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Areas.Admin.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>工作台: my drafts, waiting for review, scheduled (overdue highlighted), recently published.</summary>
[Route("admin")]
public sealed class DashboardController(NewsDbContext db, TimeProvider clock) : AdminController
{
    private const int ListSize = 10;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "工作台";
        var user = CurrentUser;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = db.Articles.Select(a => new ArticleRow(a.Id, a.Title, a.Status, a.Section!.Name, a.UpdatedAt, a.ScheduledAt, a.PublishedAt, a.AuthorId));

        var model = new DashboardModel(
            await rows.Where(a => a.AuthorId == user.Id && a.Status == ArticleStatus.Draft).OrderByDescending(a => a.UpdatedAt).Take(ListSize).ToListAsync(cancellationToken),
            user.IsEditor
                ? await rows.Where(a => a.Status == ArticleStatus.Submitted).OrderBy(a => a.UpdatedAt).Take(ListSize).ToListAsync(cancellationToken)
                : await rows.Where(a => a.Status == ArticleStatus.Submitted && a.AuthorId == user.Id).OrderBy(a => a.UpdatedAt).Take(ListSize).ToListAsync(cancellationToken),
            await rows.Where(a => a.Status == ArticleStatus.Scheduled).OrderBy(a => a.ScheduledAt).Take(ListSize * 2).ToListAsync(cancellationToken),
            await rows.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(ListSize).ToListAsync(cancellationToken),
            now);
        return View(model);
    }
}
