using CivilizationNews.Core.Content;
using System.Globalization;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Time;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>版面: editions (期) and their pages (版), with the stories placed on each page in print order.</summary>
[Route("admin/editions")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class EditionsController(NewsDbContext db, AuditLog audit) : AdminController
{
    private const int PageSize = 30;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "版面";
        return View(await ListAsync(page, await SuggestNextAsync(cancellationToken), cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Create(EditionForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "版面";
        ModelState.DropBindingErrors();
        var date = await ValidateAsync(form, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Index", await ListAsync(null, form, cancellationToken));
        }
        var edition = new Edition { Date = date, Number = form.Number!.Value, IsPublished = form.IsPublished };
        db.Editions.Add(edition);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(CurrentUser.Actor, "edition.create", "Edition", edition.Id, Describe(edition));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已新建 {Describe(edition)}，请添加版面。");
        return Redirect($"/admin/editions/{edition.Id}");
    }

    [HttpGet("{id:int:min(1)}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var edition = await db.Editions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (edition is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"{ChinaTime.FormatShortDate(edition.Date)} 第{edition.Number}期";
        var form = new EditionForm { Date = FormValues.Iso(edition.Date), Number = edition.Number, IsPublished = edition.IsPublished, Version = edition.Version };
        return View(await PageAsync(id, form, cancellationToken));
    }

    [HttpPost("{id:int:min(1)}")]
    public async Task<IActionResult> Edit(int id, EditionForm form, CancellationToken cancellationToken)
    {
        var edition = await db.Editions.AsTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (edition is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"{ChinaTime.FormatShortDate(edition.Date)} 第{edition.Number}期";
        if (edition.Version != form.Version)
        {
            FlashError("保存未成功：您编辑期间，这一期已被他人修改。请查看最新内容后重新修改。");
            return Redirect($"/admin/editions/{id}");
        }
        ModelState.DropBindingErrors();
        var date = await ValidateAsync(form, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(await PageAsync(id, form, cancellationToken));
        }
        db.Entry(edition).Property(e => e.Version).OriginalValue = form.Version;
        var wasPublished = edition.IsPublished;
        edition.Date = date;
        edition.Number = form.Number!.Value;
        edition.IsPublished = form.IsPublished;
        db.Entry(edition).Property(e => e.UpdatedAt).IsModified = true;
        var action = wasPublished == edition.IsPublished ? "edition.update" : edition.IsPublished ? "edition.publish" : "edition.unpublish";
        audit.Record(CurrentUser.Actor, action, "Edition", id, Describe(edition));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            FlashError("保存未成功：您编辑期间，这一期已被他人修改。请查看最新内容后重新修改。");
            return Redirect($"/admin/editions/{id}");
        }
        Flash("已保存。");
        return Redirect($"/admin/editions/{id}");
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var edition = await db.Editions.AsTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (edition is null)
        {
            return NotFound();
        }
        var stories = await db.Articles.CountAsync(a => a.EditionPage!.EditionId == id, cancellationToken);
        var features = await db.Features.CountAsync(f => f.EditionPage!.EditionId == id, cancellationToken);
        if (stories + features > 0)
        {
            FlashError($"这一期还排有 {stories} 篇稿件{(features > 0 ? $"和 {features} 个专题" : "")}，不能删除。请先把它们移出版面。");
            return Redirect($"/admin/editions/{id}");
        }
        db.Editions.Remove(edition);
        audit.Record(CurrentUser.Actor, "edition.delete", "Edition", id, Describe(edition));
        await db.SaveChangesAsync(cancellationToken);
        Flash($"已删除 {Describe(edition)}。");
        return Redirect("/admin/editions");
    }

    // ---- Pages ----

    [HttpPost("{id:int:min(1)}/pages")]
    public async Task<IActionResult> AddPage(int id, int? number, string? name, CancellationToken cancellationToken)
    {
        if (!await db.Editions.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return NotFound();
        }
        if (await PageErrorAsync(id, null, number, name, cancellationToken) is { } error)
        {
            FlashError(error);
            return Redirect($"/admin/editions/{id}");
        }
        var page = new EditionPage { EditionId = id, Number = number!.Value, Name = name!.Trim() };
        db.EditionPages.Add(page);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(CurrentUser.Actor, "edition.page-add", "Edition", id, $"第{page.Number}版 {page.Name}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已添加第{page.Number}版 {page.Name}。");
        return Redirect($"/admin/editions/{id}#page-{page.Id}");
    }

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}")]
    public async Task<IActionResult> UpdatePage(int id, int pageId, int? number, string? name, CancellationToken cancellationToken)
    {
        var page = await db.EditionPages.AsTracking().FirstOrDefaultAsync(p => p.Id == pageId && p.EditionId == id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        if (await PageErrorAsync(id, pageId, number, name, cancellationToken) is { } error)
        {
            FlashError(error);
            return Redirect($"/admin/editions/{id}#page-{pageId}");
        }
        var before = $"第{page.Number}版 {page.Name}";
        page.Number = number!.Value;
        page.Name = name!.Trim();
        audit.Record(CurrentUser.Actor, "edition.page-update", "Edition", id, $"{before} → 第{page.Number}版 {page.Name}");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"已保存第{page.Number}版。");
        return Redirect($"/admin/editions/{id}#page-{pageId}");
    }

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/delete")]
    public async Task<IActionResult> DeletePage(int id, int pageId, CancellationToken cancellationToken)
    {
        var page = await db.EditionPages.AsTracking().FirstOrDefaultAsync(p => p.Id == pageId && p.EditionId == id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        var stories = await db.Articles.CountAsync(a => a.EditionPageId == pageId, cancellationToken);
        var features = await db.Features.CountAsync(f => f.EditionPageId == pageId, cancellationToken);
        if (stories + features > 0)
        {
            FlashError($"第{page.Number}版还排有 {stories} 篇稿件{(features > 0 ? $"和 {features} 个专题" : "")}，不能删除。请先把它们移出本版。");
            return Redirect($"/admin/editions/{id}#page-{pageId}");
        }
        db.EditionPages.Remove(page);
        audit.Record(CurrentUser.Actor, "edition.page-delete", "Edition", id, $"第{page.Number}版 {page.Name}");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"已删除第{page.Number}版。");
        return Redirect($"/admin/editions/{id}");
    }

    /// <summary>Places a story at the end of a page (moving it from any other page).</summary>
    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/stories")]
    public async Task<IActionResult> AddStory(int id, int pageId, int? articleId, CancellationToken cancellationToken)
    {
        var page = await db.EditionPages.Where(p => p.Id == pageId && p.EditionId == id).Select(p => new { p.Number }).FirstOrDefaultAsync(cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        var article = articleId is { } aid ? await db.Articles.AsTracking().FirstOrDefaultAsync(a => a.Id == aid, cancellationToken) : null;
        if (article is null)
        {
            FlashError("稿件不存在，请检查稿件编号。");
            return Redirect($"/admin/editions/{id}#page-{pageId}");
        }
        if (article.EditionPageId == pageId)
        {
            Flash($"《{article.Title}》已在本版。");
            return Redirect($"/admin/editions/{id}#page-{pageId}");
        }
        var last = await db.Articles.Where(a => a.EditionPageId == pageId).MaxAsync(a => (int?)a.PageOrder, cancellationToken) ?? 0;
        article.EditionPageId = pageId;
        article.PageOrder = last + 1;
        audit.Record(CurrentUser.Actor, "edition.story-place", "Article", article.Id, $"排入第{page.Number}版（期 #{id}）");
        if (!await TrySaveAsync(cancellationToken))
        {
            return Redirect($"/admin/editions/{id}#page-{pageId}");
        }
        Flash($"已把《{article.Title}》排入第{page.Number}版。");
        return Redirect($"/admin/editions/{id}#page-{pageId}");
    }

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/stories/{articleId:int:min(1)}/up")]
    public Task<IActionResult> MoveStoryUp(int id, int pageId, int articleId, CancellationToken cancellationToken) =>
        MoveStoryAsync(id, pageId, articleId, -1, cancellationToken);

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/stories/{articleId:int:min(1)}/down")]
    public Task<IActionResult> MoveStoryDown(int id, int pageId, int articleId, CancellationToken cancellationToken) =>
        MoveStoryAsync(id, pageId, articleId, +1, cancellationToken);

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/stories/{articleId:int:min(1)}/remove")]
    public async Task<IActionResult> RemoveStory(int id, int pageId, int articleId, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsTracking()
            .FirstOrDefaultAsync(a => a.Id == articleId && a.EditionPageId == pageId && a.EditionPage!.EditionId == id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        article.EditionPageId = null;
        article.PageOrder = 0;
        await RenumberAsync(pageId, except: articleId, cancellationToken);
        audit.Record(CurrentUser.Actor, "edition.story-remove", "Article", articleId, $"移出版面（期 #{id}）");
        if (await TrySaveAsync(cancellationToken))
        {
            Flash($"已把《{article.Title}》移出本版。");
        }
        return Redirect($"/admin/editions/{id}#page-{pageId}");
    }

    private async Task<IActionResult> MoveStoryAsync(int id, int pageId, int articleId, int delta, CancellationToken cancellationToken)
    {
        if (!await db.EditionPages.AnyAsync(p => p.Id == pageId && p.EditionId == id, cancellationToken))
        {
            return NotFound();
        }
        var stories = await db.Articles.AsTracking().Where(a => a.EditionPageId == pageId)
            .OrderBy(a => a.PageOrder).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var index = stories.FindIndex(a => a.Id == articleId);
        if (index < 0)
        {
            return NotFound();
        }
        var target = index + delta;
        if (target >= 0 && target < stories.Count)
        {
            (stories[index], stories[target]) = (stories[target], stories[index]);
            for (var i = 0; i < stories.Count; i++)
            {
                // Only stories whose position changes are written (and get a new Version).
                if (stories[i].PageOrder != i + 1)
                {
                    stories[i].PageOrder = i + 1;
                }
            }
            audit.Record(CurrentUser.Actor, "edition.story-move", "Article", articleId, $"{(delta < 0 ? "上移" : "下移")}到第 {target + 1} 位（期 #{id}）");
            await TrySaveAsync(cancellationToken);
        }
        return Redirect($"/admin/editions/{id}#page-{pageId}");
    }

    private async Task RenumberAsync(int pageId, int except, CancellationToken cancellationToken)
    {
        var rest = await db.Articles.AsTracking().Where(a => a.EditionPageId == pageId && a.Id != except)
            .OrderBy(a => a.PageOrder).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i].PageOrder != i + 1)
            {
                rest[i].PageOrder = i + 1;
            }
        }
    }

    /// <summary>Placement changes write the stories, so a story saved meanwhile by its editor is refused, not overwritten.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            FlashError("未保存：相关稿件刚被其他人修改，请刷新后再试。");
            return false;
        }
    }

    private async Task<DateOnly> ValidateAsync(EditionForm form, int? id, CancellationToken cancellationToken)
    {
        if (!FormValues.TryParseDate(form.Date, out var date) || date.Year < 1949 || date.Year > 2200)
        {
            ModelState.AddModelError(nameof(form.Date), "请填写正确的出版日期。");
        }
        else if (await db.Editions.AnyAsync(e => e.Date == date && e.Id != id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Date), $"{ChinaTime.FormatShortDate(date)}已有一期报纸。");
        }
        if (form.Number is not (>= 1 and <= 999_999))
        {
            ModelState.AddModelError(nameof(form.Number), "请填写期号（正整数）。");
        }
        return date;
    }

    private async Task<string?> PageErrorAsync(int editionId, int? pageId, int? number, string? name, CancellationToken cancellationToken)
    {
        if (number is not (>= 1 and <= 999))
        {
            return "请填写版次（1–999）。";
        }
        var clean = FormValues.Clean(name);
        if (clean is null)
        {
            return "请填写版名，如“要闻”。";
        }
        if (clean.Length > 50)
        {
            return "版名不超过 50 字。";
        }
        if (await db.EditionPages.AnyAsync(p => p.EditionId == editionId && p.Number == number && p.Id != pageId, cancellationToken))
        {
            return $"这一期已有第{number}版。";
        }
        return null;
    }

    private async Task<EditionForm> SuggestNextAsync(CancellationToken cancellationToken)
    {
        var latest = await db.Editions.OrderByDescending(e => e.Date).Select(e => new { e.Date, e.Number }).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? new EditionForm() : new EditionForm { Date = FormValues.Iso(latest.Date.AddDays(1)), Number = latest.Number + 1 };
    }

    private async Task<EditionListPage> ListAsync(string? page, EditionForm form, CancellationToken cancellationToken)
    {
        var number = Paging.PageNumber(page);
        var total = await db.Editions.CountAsync(cancellationToken);
        var rows = await db.Editions.OrderByDescending(e => e.Date).Skip((number - 1) * PageSize).Take(PageSize)
            .Select(e => new EditionRowView(e.Id, e.Date, e.Number, e.IsPublished, e.Pages.Count, e.Pages.Sum(p => p.Articles.Count)))
            .ToListAsync(cancellationToken);
        return new EditionListPage(rows, number, Paging.PageCount(total, PageSize), form);
    }

    private async Task<EditionEditPage> PageAsync(int id, EditionForm form, CancellationToken cancellationToken)
    {
        var pages = await db.EditionPages.Where(p => p.EditionId == id).OrderBy(p => p.Number)
            .Select(p => new
            {
                p.Id, p.Number, p.Name,
                Stories = p.Articles.OrderBy(a => a.PageOrder).ThenBy(a => a.Id).Select(a => new PageStoryView(a.Id, a.Title, a.Status, a.PageOrder)).ToList(),
                Features = db.Features.Count(f => f.EditionPageId == p.Id),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new EditionEditPage(id, form, pages.Select(p => new EditionPageView(p.Id, p.Number, p.Name, p.Stories, p.Features)).ToList());
    }

    private static string Describe(Edition edition) =>
        string.Create(CultureInfo.InvariantCulture, $"{ChinaTime.FormatShortDate(edition.Date)} 第{edition.Number}期");
}
