using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Features;
using CivilizationNews.Core.Time;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 专题 composer: the lead story, ordered sidebars, ordered photos, the page byline by role, placement on
/// an edition page, and publishing the whole package in one step. Reordering is plain POST buttons.
/// </summary>
[Route("admin/features")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class FeaturesController(NewsDbContext db, FeatureComposer composer, FeaturePublisher publisher) : AdminController
{
    private const int ArticleChoices = 300;
    private const int LibraryChoices = 48;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "专题";
        var rows = await db.Features.OrderByDescending(f => f.UpdatedAt)
            .Select(f => new FeatureRowView(f.Id, f.Title, f.Slug, f.LeadArticle!.Title, f.IsPublished, f.PublishedAt, f.UpdatedAt, f.Sidebars.Count,
                f.Sidebars.Count(s => s.Article!.Status == ArticleStatus.Draft || s.Article.Status == ArticleStatus.Submitted)
                + (f.LeadArticle.Status == ArticleStatus.Draft || f.LeadArticle.Status == ArticleStatus.Submitted ? 1 : 0)))
            .ToListAsync(cancellationToken);
        return View(rows);
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(int? lead, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建专题";
        return View("Compose", await ComposerAsync(null, new FeatureForm { LeadArticleId = lead ?? 0 }, cancellationToken));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(FeatureForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建专题";
        ModelState.DropBindingErrors();
        var result = await composer.CreateAsync(form.ToInput(), CurrentUser, cancellationToken);
        if (result.Outcome != ComposeOutcome.Saved)
        {
            AddErrors(result);
            return View("Compose", await ComposerAsync(null, form, cancellationToken));
        }
        Flash("专题已创建。接下来添加侧栏稿件、图片和版面署名。");
        return Redirect($"/admin/features/{result.FeatureId}");
    }

    [HttpGet("{id:int:min(1)}")]
    public async Task<IActionResult> Compose(int id, CancellationToken cancellationToken)
    {
        var feature = await db.Features.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feature is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"专题：{feature.Title}";
        var form = new FeatureForm
        {
            Slug = feature.Slug, Title = feature.Title, Summary = feature.Summary, LeadArticleId = feature.LeadArticleId,
            EditionPageId = feature.EditionPageId, BylineLabel = feature.BylineLabel, Version = feature.Version,
        };
        return View(await ComposerAsync(id, form, cancellationToken));
    }

    [HttpPost("{id:int:min(1)}")]
    public async Task<IActionResult> Compose(int id, FeatureForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "编辑专题";
        ModelState.DropBindingErrors();
        var result = await composer.UpdateAsync(id, form.ToInput(), form.Version, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case ComposeOutcome.Saved:
                Flash("专题信息已保存。");
                return Redirect($"/admin/features/{id}");
            case ComposeOutcome.NotFound:
                return NotFound();
            case ComposeOutcome.Conflict:
                FlashError("保存未成功：您编辑期间，这个专题的信息已被他人修改。请查看最新内容后重新修改。");
                return Redirect($"/admin/features/{id}");
            default:
                AddErrors(result);
                return View(await ComposerAsync(id, form, cancellationToken));
        }
    }

    [HttpPost("{id:int:min(1)}/sidebars")]
    public async Task<IActionResult> AddSidebar(int id, int? articleId, CancellationToken cancellationToken) =>
        Done(id, await composer.AddSidebarAsync(id, articleId ?? 0, CurrentUser, cancellationToken), "已添加侧栏稿件。", "sidebars");

    [HttpPost("{id:int:min(1)}/sidebars/{articleId:int:min(1)}/up")]
    public async Task<IActionResult> SidebarUp(int id, int articleId, CancellationToken cancellationToken) =>
        Done(id, await composer.MoveSidebarAsync(id, articleId, -1, CurrentUser, cancellationToken), null, "sidebars");

    [HttpPost("{id:int:min(1)}/sidebars/{articleId:int:min(1)}/down")]
    public async Task<IActionResult> SidebarDown(int id, int articleId, CancellationToken cancellationToken) =>
        Done(id, await composer.MoveSidebarAsync(id, articleId, +1, CurrentUser, cancellationToken), null, "sidebars");

    [HttpPost("{id:int:min(1)}/sidebars/{articleId:int:min(1)}/remove")]
    public async Task<IActionResult> RemoveSidebar(int id, int articleId, CancellationToken cancellationToken) =>
        Done(id, await composer.RemoveSidebarAsync(id, articleId, CurrentUser, cancellationToken), "已移除侧栏稿件（稿件本身未删除）。", "sidebars");

    [HttpPost("{id:int:min(1)}/photos")]
    public async Task<IActionResult> AddPhoto(int id, int? mediaId, CancellationToken cancellationToken) =>
        Done(id, await composer.AddPhotoAsync(id, mediaId ?? 0, CurrentUser, cancellationToken), "已添加图片。", "photos");

    [HttpPost("{id:int:min(1)}/photos/{mediaId:int:min(1)}/up")]
    public async Task<IActionResult> PhotoUp(int id, int mediaId, CancellationToken cancellationToken) =>
        Done(id, await composer.MovePhotoAsync(id, mediaId, -1, CurrentUser, cancellationToken), null, "photos");

    [HttpPost("{id:int:min(1)}/photos/{mediaId:int:min(1)}/down")]
    public async Task<IActionResult> PhotoDown(int id, int mediaId, CancellationToken cancellationToken) =>
        Done(id, await composer.MovePhotoAsync(id, mediaId, +1, CurrentUser, cancellationToken), null, "photos");

    [HttpPost("{id:int:min(1)}/photos/{mediaId:int:min(1)}/remove")]
    public async Task<IActionResult> RemovePhoto(int id, int mediaId, CancellationToken cancellationToken) =>
        Done(id, await composer.RemovePhotoAsync(id, mediaId, CurrentUser, cancellationToken), "已从专题中移除图片（图片仍在图片库中）。", "photos");

    [HttpPost("{id:int:min(1)}/byline")]
    public async Task<IActionResult> Byline(int id, BylineForm form, CancellationToken cancellationToken) =>
        Done(id, await composer.SetBylineAsync(id, form.ToRows(), CurrentUser, cancellationToken), "版面署名已保存。", "byline");

    /// <summary>Publishes the feature and every one of its approved or scheduled stories, or nothing.</summary>
    [HttpPost("{id:int:min(1)}/publish")]
    public async Task<IActionResult> Publish(int id, CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAsync(id, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case FeaturePublishOutcome.Done:
                Flash(result.PublishedArticleIds is { Count: > 0 } ids
                    ? $"专题已整体发布，同时发布了 {ids.Count} 篇稿件。"
                    : "专题已发布（其中稿件均已是发布状态）。");
                break;
            case FeaturePublishOutcome.NotFound:
                return NotFound();
            case FeaturePublishOutcome.Forbidden:
                return Forbid();
            default:
                FlashError(result.Message ?? "专题未发布。");
                break;
        }
        return Redirect($"/admin/features/{id}#publish");
    }

    [HttpPost("{id:int:min(1)}/unpublish")]
    public async Task<IActionResult> Unpublish(int id, CancellationToken cancellationToken)
    {
        var result = await publisher.UnpublishAsync(id, CurrentUser, cancellationToken);
        if (result.Outcome == FeaturePublishOutcome.NotFound)
        {
            return NotFound();
        }
        Flash("专题页面已撤下；其中的稿件保持原状态，如需撤回请逐篇操作。");
        return Redirect($"/admin/features/{id}#publish");
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await composer.DeleteAsync(id, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case ComposeOutcome.Saved:
                Flash("专题已删除，其中的稿件和图片都保留。");
                return Redirect("/admin/features");
            case ComposeOutcome.NotFound:
                return NotFound();
            default:
                FlashError(result.FirstError ?? "专题未删除。");
                return Redirect($"/admin/features/{id}");
        }
    }

    private IActionResult Done(int id, ComposeResult result, string? message, string anchor)
    {
        switch (result.Outcome)
        {
            case ComposeOutcome.NotFound:
                return NotFound();
            case ComposeOutcome.Saved:
                if (message is not null)
                {
                    Flash(message);
                }
                break;
            case ComposeOutcome.Conflict:
                FlashError("未保存：专题刚被其他人修改，请刷新后再试。");
                break;
            default:
                FlashError(result.FirstError ?? "未保存。");
                break;
        }
        return Redirect($"/admin/features/{id}#{anchor}");
    }

    private void AddErrors(ComposeResult result)
    {
        foreach (var (field, message) in result.Errors ?? new Dictionary<string, string>())
        {
            ModelState.AddModelError(field, message);
        }
    }

    private async Task<FeatureComposerPage> ComposerAsync(int? id, FeatureForm form, CancellationToken cancellationToken)
    {
        var feature = id is null ? null : await db.Features.Where(f => f.Id == id)
            .Select(f => new
            {
                f.IsPublished, f.PublishedAt,
                Lead = new FeatureStoryView(f.LeadArticleId, f.LeadArticle!.Title, f.LeadArticle.Status),
                Sidebars = f.Sidebars.OrderBy(s => s.SortOrder).Select(s => new FeatureStoryView(s.ArticleId, s.Article!.Title, s.Article.Status)).ToList(),
                Photos = f.Photos.OrderBy(p => p.SortOrder).Select(p => new FeaturePhotoView(p.MediaId, p.Media!.AltText,
                    p.Media.CreditContributor != null ? p.Media.CreditContributor.Name : p.Media.CreditText)).ToList(),
                Byline = f.Byline.OrderBy(b => b.SortOrder).Select(b => new { b.Role, b.Name }).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

        var keep = new List<int> { form.LeadArticleId };
        var articles = (await db.Articles.Where(a => a.Status != ArticleStatus.Archived || keep.Contains(a.Id))
                .OrderByDescending(a => a.Id).Take(ArticleChoices)
                .Select(a => new { a.Id, a.Title, a.Status }).ToListAsync(cancellationToken))
            .Select(a => new ChoiceOption(a.Id, $"#{a.Id} {a.Title}（{a.Status.Label()}）")).ToList();
        if (form.LeadArticleId > 0 && articles.All(a => a.Id != form.LeadArticleId)
            && await db.Articles.Where(a => a.Id == form.LeadArticleId).Select(a => new { a.Id, a.Title, a.Status }).FirstOrDefaultAsync(cancellationToken) is { } lead)
        {
            articles.Insert(0, new ChoiceOption(lead.Id, $"#{lead.Id} {lead.Title}（{lead.Status.Label()}）"));
        }
        var pages = (await db.EditionPages.OrderByDescending(p => p.Edition!.Date).ThenBy(p => p.Number).Take(400)
                .Select(p => new { p.Id, p.Edition!.Date, p.Number, p.Name }).ToListAsync(cancellationToken))
            .Select(p => new ChoiceOption(p.Id, $"{ChinaTime.FormatShortDate(p.Date)} 第{p.Number}版 {p.Name}")).ToList();
        var library = id is null ? [] : await db.Media.OrderByDescending(m => m.Id).Take(LibraryChoices)
            .Select(m => new PhotoOption(m.Id, m.AltText, m.CreditContributor != null ? m.CreditContributor.Name : m.CreditText))
            .ToListAsync(cancellationToken);

        var byline = new List<BylineRowView>();
        foreach (var group in (feature?.Byline ?? []).GroupBy(b => b.Role))
        {
            byline.Add(new BylineRowView(group.Key, string.Join("、", group.Select(b => b.Name))));
        }
        return new FeatureComposerPage(id, form, feature?.IsPublished ?? false, feature?.PublishedAt,
            feature?.Lead, feature?.Sidebars ?? [], feature?.Photos ?? [], byline, articles, pages, library);
    }
}
