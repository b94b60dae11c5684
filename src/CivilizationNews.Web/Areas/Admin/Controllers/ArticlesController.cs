using System.Globalization;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Time;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using CivilizationNews.Web.Areas.Admin.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>稿件: list, write, edit with live preview and autosave, workflow, revisions, conflicts.</summary>
[Route("admin/articles")]
public sealed class ArticlesController(
    NewsDbContext db, ArticleDesk desk, ArticleWorkflow workflow, EditPresence presence, MarkdownRenderer renderer, TimeProvider clock) : AdminController
{
    private const int PageSize = 30;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? status, string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "稿件";
        var user = CurrentUser;
        var query = db.Articles.AsQueryable();
        if (!user.IsEditor)
        {
            query = query.Where(a => a.AuthorId == user.Id);
        }
        ArticleStatus? filter = Enum.TryParse<ArticleStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        if (filter is { } f)
        {
            query = query.Where(a => a.Status == f);
        }
        var number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000 ? n : 1;
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((number - 1) * PageSize).Take(PageSize)
            .Select(a => new ArticleRow(a.Id, a.Title, a.Status, a.Section!.Name, a.UpdatedAt, a.ScheduledAt, a.PublishedAt, a.AuthorId))
            .ToListAsync(cancellationToken);
        return View(new ArticleListModel(rows, filter, number, Math.Max(1, (total + PageSize - 1) / PageSize), total));
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "写稿";
        var user = CurrentUser;
        if (!NewsroomPermissions.CanCreate(user))
        {
            return Forbid();
        }
        var form = new ArticleForm { Dateline = "本报讯", PrimaryUnitId = user.IsCorrespondent ? user.UnitId : null };
        if (user.ContributorId is { } me)
        {
            form.CreditContributorIds.Add(me);
            form.CreditRoles.Add(user.IsCorrespondent ? CreditRole.Correspondent : CreditRole.Reporter);
        }
        return View("Edit", await EditorAsync(null, form, ArticleStatus.Draft, null, null, cancellationToken));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(ArticleForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "写稿";
        var result = await desk.CreateAsync(form.ToInput(), CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash("稿件已保存为草稿。");
                return Redirect($"/admin/articles/{result.ArticleId}/edit");
            case SaveOutcome.Forbidden:
                return Forbid();
            default:
                AddErrors(result);
                return View("Edit", await EditorAsync(null, form, ArticleStatus.Draft, null, null, cancellationToken));
        }
    }

    [HttpGet("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Where(a => a.Id == id)
            .Include(a => a.Units).Include(a => a.Credits).Include(a => a.Photos).Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.KeyFigures)
            .AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!NewsroomPermissions.CanView(CurrentUser, article.AuthorId))
        {
            return Forbid();
        }
        ViewData["Title"] = $"编辑：{article.Title}";
        var form = new ArticleForm
        {
            Kicker = article.Kicker, Title = article.Title, Subtitle = article.Subtitle, Summary = article.Summary, Dateline = article.Dateline,
            Body = article.Body, SectionId = article.SectionId,
            PrimaryUnitId = article.Units.FirstOrDefault(u => u.IsPrimary)?.UnitId,
            UnitIds = article.Units.Where(u => !u.IsPrimary).OrderBy(u => u.SortOrder).Select(u => u.UnitId).ToList(),
            CreditContributorIds = article.Credits.OrderBy(c => c.SortOrder).Select(c => (int?)c.ContributorId).ToList(),
            CreditRoles = article.Credits.OrderBy(c => c.SortOrder).Select(c => c.Role).ToList(),
            PhotoIds = string.Join(",", article.Photos.OrderBy(p => p.SortOrder).Select(p => p.MediaId)),
            Tags = string.Join("，", article.Tags.Select(t => t.Tag!.Name)),
            EditionPageId = article.EditionPageId, PageOrder = Math.Max(1, article.PageOrder),
            KeyFigures = KeyFigureParser.Format(article.KeyFigures),
            Version = article.Version,
        };
        await presence.HeartbeatAsync(id, CurrentUser, cancellationToken);
        return View(await EditorAsync(article.Id, form, article.Status, article.AuthorId, article, cancellationToken));
    }

    [HttpPost("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, ArticleForm form, CancellationToken cancellationToken)
    {
        var result = await desk.UpdateAsync(id, form.ToInput(), form.Version, CurrentUser, cancellationToken: cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash("已保存。");
                return Redirect($"/admin/articles/{id}/edit");
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Forbidden:
                return Forbid();
            case SaveOutcome.Conflict:
                ViewData["Title"] = "保存冲突";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Conflict", new ConflictPage(id, form, result.Theirs!, result.TheirEditor, result.TheirSavedAt, result.Version));
            default:
                AddErrors(result);
                var current = await db.Articles.Where(a => a.Id == id).Select(a => new { a.Status, a.AuthorId }).FirstAsync(cancellationToken);
                ViewData["Title"] = "编辑稿件";
                return View(await EditorAsync(id, form, current.Status, current.AuthorId, null, cancellationToken));
        }
    }

    /// <summary>
    /// Resolves a conflict: the editor's merged text (prefilled with their own version, or the other
    /// editor's) is saved over the current version. Nothing is lost: both texts remain as revisions.
    /// </summary>
    [HttpPost("{id:int:min(1)}/resolve")]
    public async Task<IActionResult> Resolve(int id, ArticleForm form, string? keep, CancellationToken cancellationToken)
    {
        if (keep == "theirs")
        {
            Flash("已保留对方的版本，您的文本已存为一个自动保存版本，可在“版本记录”中找回。");
            await desk.AutosaveAsync(id, new ArticleText(form.Kicker, form.Title, form.Subtitle, form.Summary, form.Dateline, form.Body), CurrentUser, cancellationToken);
            return Redirect($"/admin/articles/{id}/edit");
        }
        var result = await desk.UpdateAsync(id, form.ToInput(), form.Version, CurrentUser, keep == "mine" ? "冲突：保留我的版本" : "冲突：合并保存", cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash("已保存合并后的稿件。");
                return Redirect($"/admin/articles/{id}/edit");
            case SaveOutcome.Conflict:
                ViewData["Title"] = "保存冲突";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Conflict", new ConflictPage(id, form, result.Theirs!, result.TheirEditor, result.TheirSavedAt, result.Version));
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Forbidden:
                return Forbid();
            default:
                FlashError(result.Errors?.Values.FirstOrDefault() ?? "保存失败。");
                ViewData["Title"] = "保存冲突";
                return View("Conflict", new ConflictPage(id, form, new ArticleText(form.Kicker, form.Title, form.Subtitle, form.Summary, form.Dateline, form.Body), null, null, form.Version));
        }
    }

    /// <summary>The live preview: the same renderer the public page uses.</summary>
    [HttpPost("preview")]
    public IActionResult Preview([FromForm] string? body, [FromForm] string? dateline)
    {
        var html = renderer.Render(body ?? string.Empty, dateline);
        return PartialView("_Preview", html);
    }

    [HttpPost("{id:int:min(1)}/autosave")]
    public async Task<IActionResult> Autosave(int id, [FromForm] ArticleForm form, CancellationToken cancellationToken)
    {
        var result = await desk.AutosaveAsync(id, new ArticleText(form.Kicker, form.Title ?? string.Empty, form.Subtitle, form.Summary, form.Dateline, form.Body ?? string.Empty), CurrentUser, cancellationToken);
        if (result.Outcome != SaveOutcome.Saved)
        {
            return result.Outcome == SaveOutcome.NotFound ? NotFound() : Forbid();
        }
        var others = await presence.HeartbeatAsync(id, CurrentUser, cancellationToken);
        return Json(new { saved = ChinaTime.FormatDateTime(clock.GetUtcNow().UtcDateTime), others, conflict = result.Version != form.Version });
    }

    [HttpPost("{id:int:min(1)}/heartbeat")]
    public async Task<IActionResult> Heartbeat(int id, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFound();
        }
        return Json(new { others = await presence.HeartbeatAsync(id, CurrentUser, cancellationToken) });
    }

    [HttpPost("{id:int:min(1)}/transition")]
    public async Task<IActionResult> Transition(int id, string? to, string? reason, string? scheduleAt, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ArticleStatus>(to, ignoreCase: true, out var target) || !Enum.IsDefined(target))
        {
            FlashError("未知的操作。");
            return Redirect($"/admin/articles/{id}/edit");
        }
        DateTime? at = null;
        if (target == ArticleStatus.Scheduled)
        {
            if (!DateTime.TryParseExact(scheduleAt, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                FlashError("请填写正确的发布时间。");
                return Redirect($"/admin/articles/{id}/edit");
            }
            at = ChinaTime.ToUtc(local);
        }
        var result = await workflow.MoveAsync(id, target, CurrentUser, reason, at, cancellationToken);
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
        return Redirect($"/admin/articles/{id}/edit");
    }

    [HttpGet("{id:int:min(1)}/revisions")]
    public async Task<IActionResult> Revisions(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Where(a => a.Id == id).Select(a => new { a.Title, a.AuthorId }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!NewsroomPermissions.CanView(CurrentUser, article.AuthorId))
        {
            return Forbid();
        }
        ViewData["Title"] = $"版本记录：{article.Title}";
        ViewData["ArticleId"] = id;
        return View(await desk.RevisionsAsync(id, cancellationToken));
    }

    [HttpGet("{id:int:min(1)}/diff")]
    public async Task<IActionResult> Diff(int id, long a, long b, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Where(x => x.Id == id).Select(x => new { x.Title, x.AuthorId }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!NewsroomPermissions.CanView(CurrentUser, article.AuthorId))
        {
            return Forbid();
        }
        var all = await desk.RevisionsAsync(id, cancellationToken);
        var older = all.FirstOrDefault(r => r.Id == Math.Min(a, b));
        var newer = all.FirstOrDefault(r => r.Id == Math.Max(a, b));
        var olderText = older is null ? null : await desk.RevisionTextAsync(id, older.Id, cancellationToken);
        var newerText = newer is null ? null : await desk.RevisionTextAsync(id, newer.Id, cancellationToken);
        if (olderText is null || newerText is null)
        {
            return NotFound();
        }
        ViewData["Title"] = "版本对比";
        return View(new DiffPage(id, article.Title, older!, newer!, RevisionDiff.Compare(olderText, newerText)));
    }

    [HttpPost("{id:int:min(1)}/revisions/{revision:long:min(1)}/restore")]
    public async Task<IActionResult> Restore(int id, long revision, CancellationToken cancellationToken)
    {
        var result = await desk.RestoreAsync(id, revision, CurrentUser, cancellationToken);
        return result.Outcome switch
        {
            SaveOutcome.Saved => RedirectWith($"/admin/articles/{id}/edit", $"已恢复版本 #{revision}，并生成了新的版本记录。"),
            SaveOutcome.Forbidden => Forbid(),
            _ => NotFound(),
        };
    }

    private RedirectResult RedirectWith(string url, string message)
    {
        Flash(message);
        return Redirect(url);
    }

    private void AddErrors(SaveResult result)
    {
        foreach (var (field, message) in result.Errors ?? new Dictionary<string, string>())
        {
            ModelState.AddModelError(field, message);
        }
        FlashError("稿件未保存，请按提示修改。您输入的内容都还在。");
    }

    private async Task<EditorPage> EditorAsync(int? id, ArticleForm form, ArticleStatus status, string? authorId, Article? article, CancellationToken cancellationToken)
    {
        var user = CurrentUser;
        var sections = await db.Sections.OrderBy(s => s.SortOrder).Select(s => new ChoiceOption(s.Id, s.Name)).ToListAsync(cancellationToken);
        var units = await db.Units.OrderBy(u => u.Name).Select(u => new ChoiceOption(u.Id, u.Name)).ToListAsync(cancellationToken);
        var contributors = await db.Contributors.OrderBy(c => c.Name).Select(c => new ChoiceOption(c.Id, c.Name + "（" + (c.Organisation ?? "") + "）")).ToListAsync(cancellationToken);
        var pages = (await db.EditionPages.OrderByDescending(p => p.Edition!.Date).ThenBy(p => p.Number).Take(400)
            .Select(p => new { p.Id, p.Edition!.Date, p.Number, p.Name }).ToListAsync(cancellationToken))
            .Select(p => new ChoiceOption(p.Id, $"{ChinaTime.FormatShortDate(p.Date)} 第{p.Number}版 {p.Name}")).ToList();
        var photos = await db.Media.OrderByDescending(m => m.Id).Take(60)
            .Select(m => new PhotoOption(m.Id, m.AltText, m.CreditContributor != null ? m.CreditContributor.Name : m.CreditText)).ToListAsync(cancellationToken);
        var history = id is null ? [] : await db.ArticleTransitions.Where(t => t.ArticleId == id).OrderByDescending(t => t.Id)
            .Select(t => new TransitionRow(t.At, t.UserName, t.From, t.To, t.Reason)).ToListAsync(cancellationToken);
        var others = id is null ? [] : await presence.OthersAsync(id.Value, user.Id, cancellationToken);
        var pending = id is null ? null : await desk.PendingAutosaveAsync(id.Value, user.Id, cancellationToken);
        var transitions = id is null ? [] : NewsroomPermissions.AllowedTransitions(user, authorId, status);
        return new EditorPage(id, form, status, sections, units, contributors, pages, photos, transitions, history, others, pending,
            article?.ScheduledAt, article?.PublishedAt, id is null || NewsroomPermissions.CanEdit(user, authorId, status));
    }
}

public sealed record ArticleListModel(IReadOnlyList<ArticleRow> Rows, ArticleStatus? Status, int Page, int PageCount, int Total);
