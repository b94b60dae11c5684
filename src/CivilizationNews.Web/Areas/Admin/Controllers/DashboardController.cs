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

    private static Task<List<ArticleRow>> Rows(IQueryable<Article> query, CancellationToken cancellationToken, int take = ListSize) =>
        query.Take(take)
            .Select(a => new ArticleRow(a.Id, a.Title, a.Status, a.Section!.Name, a.UpdatedAt, a.ScheduledAt, a.PublishedAt, a.AuthorId))
            .ToListAsync(cancellationToken);

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "工作台";
        var user = CurrentUser;
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = db.Articles;
        var model = new DashboardModel(
            await Rows(articles.Where(a => a.AuthorId == user.Id && a.Status == ArticleStatus.Draft).OrderByDescending(a => a.UpdatedAt), cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Submitted && (user.IsEditor || a.AuthorId == user.Id)).OrderBy(a => a.UpdatedAt), cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Scheduled).OrderBy(a => a.ScheduledAt), cancellationToken, ListSize * 2),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id), cancellationToken),
            now);
        return View(model);
    }
}
