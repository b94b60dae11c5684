using CivilizationNews.Core.Features;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 专题 composer: the lead story, ordered sidebars, ordered photos, the page byline by role, placement on
/// an edition page, and publishing the whole package in one step. Reordering is plain POST buttons.
/// Reads go through <see cref="FeatureComposerReader"/>, writes through <see cref="FeatureComposer"/> and
/// <see cref="FeaturePublisher"/>; a change over someone else's newer save answers 409 beside what is saved now.
/// </summary>
[Route("admin/features")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class FeaturesController(FeatureComposerReader reader, FeatureComposer composer, FeaturePublisher publisher) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "专题";
        return View(await reader.ListAsync(cancellationToken));
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(int? lead, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建专题";
        var form = new FeatureInput { LeadArticleId = lead ?? 0 };
        return View("Compose", new FeatureComposerPage(form, await reader.ComposeAsync(null, form.LeadArticleId, cancellationToken)));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(FeatureInput form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建专题";
        var result = await composer.CreateAsync(form, CurrentUser, cancellationToken);
        if (result.Outcome != SaveOutcome.Saved)
        {
            ShowErrors(result.Errors);
            return View("Compose", new FeatureComposerPage(form, await reader.ComposeAsync(null, form.LeadArticleId, cancellationToken)));
        }
        Flash("专题已创建。接下来添加侧栏稿件、图片和版面署名。");
        return RedirectToAction(nameof(Compose), new { id = result.FeatureId });
    }

    [HttpGet("{id:int:min(1)}")]
    public async Task<IActionResult> Compose(int id, CancellationToken cancellationToken)
    {
        if (await reader.OpenAsync(id, cancellationToken) is not { } feature)
        {
            return NotFound();
        }
        ViewData["Title"] = $"专题：{feature.Title}";
        return View(new FeatureComposerPage(feature.Input, await reader.ComposeAsync(id, feature.Input.LeadArticleId, cancellationToken)));
    }

    [HttpPost("{id:int:min(1)}")]
    public async Task<IActionResult> Compose(int id, FeatureInput form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "编辑专题";
        var result = await composer.UpdateAsync(id, form, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash("专题信息已保存。");
                return RedirectToAction(nameof(Compose), new { id });
            case SaveOutcome.NotFound:
                return NotFound();
            default:
                return await ShowAgainAsync(id, form, result, cancellationToken);
        }
    }

    [HttpPost("{id:int:min(1)}/sidebars")]
    public async Task<IActionResult> AddSidebar(int id, int? articleId, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.AddSidebarAsync(id, articleId ?? 0, CurrentUser, cancellationToken), "已添加侧栏稿件。", "sidebars", cancellationToken);

    [HttpPost("{id:int:min(1)}/sidebars/{articleId:int:min(1)}/up")]
    public async Task<IActionResult> SidebarUp(int id, int articleId, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.MoveSidebarAsync(id, articleId, -1, CurrentUser, cancellationToken), null, "sidebars", cancellationToken);

    [HttpPost("{id:int:min(1)}/sidebars/{articleId:int:min(1)}/down")]
    public async Task<IActionResult> SidebarDown(int id, int articleId, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.MoveSidebarAsync(id, articleId, +1, CurrentUser, cancellationToken), null, "sidebars", cancellationToken);

    [HttpPost("{id:int:min(1)}/sidebars/{articleId:int:min(1)}/remove")]
    public async Task<IActionResult> RemoveSidebar(int id, int articleId, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.RemoveSidebarAsync(id, articleId, CurrentUser, cancellationToken), "已移除侧栏稿件（稿件本身未删除）。", "sidebars", cancellationToken);

    [HttpPost("{id:int:min(1)}/photos")]
    public async Task<IActionResult> AddPhoto(int id, int? mediaId, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.AddPhotoAsync(id, mediaId ?? 0, CurrentUser, cancellationToken), "已添加图片。", "photos", cancellationToken);

    [HttpPost("{id:int:min(1)}/photos/{mediaId:int:min(1)}/up")]
    public async Task<IActionResult> PhotoUp(int id, int mediaId, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.MovePhotoAsync(id, mediaId, -1, CurrentUser, cancellationToken), null, "photos", cancellationToken);

    [HttpPost("{id:int:min(1)}/photos/{mediaId:int:min(1)}/down")]
    public async Task<IActionResult> PhotoDown(int id, int mediaId, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.MovePhotoAsync(id, mediaId, +1, CurrentUser, cancellationToken), null, "photos", cancellationToken);

    [HttpPost("{id:int:min(1)}/photos/{mediaId:int:min(1)}/remove")]
    public async Task<IActionResult> RemovePhoto(int id, int mediaId, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.RemovePhotoAsync(id, mediaId, CurrentUser, cancellationToken), "已从专题中移除图片（图片仍在图片库中）。", "photos", cancellationToken);

    [HttpPost("{id:int:min(1)}/byline")]
    public async Task<IActionResult> Byline(int id, BylineForm form, CancellationToken cancellationToken) =>
        await DoneAsync(id, await composer.SetBylineAsync(id, form.ToRows(), CurrentUser, cancellationToken), "版面署名已保存。", "byline", cancellationToken);

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
        return RedirectToAction(nameof(Compose), null, new { id }, "publish");
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
        return RedirectToAction(nameof(Compose), null, new { id }, "publish");
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await composer.DeleteAsync(id, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash("专题已删除，其中的稿件和图片都保留。");
                return RedirectToAction(nameof(Index));
            case SaveOutcome.NotFound:
                return NotFound();
            default:
                FlashError(result.FirstError ?? "专题未删除。");
                return RedirectToAction(nameof(Compose), new { id });
        }
    }

    /// <summary>A sidebar, photo or byline change: back to its panel, or (a conflict) the composer as saved now, 409.</summary>
    private async Task<IActionResult> DoneAsync(int id, FeatureSaveResult result, string? message, string anchor, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Conflict:
                ViewData["Title"] = "编辑专题";
                return await ShowAgainAsync(id, result.Saved!, result, cancellationToken);
            case SaveOutcome.Saved:
                if (message is not null)
                {
                    Flash(message);
                }
                break;
            default:
                FlashError(result.FirstError ?? "未保存。");
                break;
        }
        return RedirectToAction(nameof(Compose), null, new { id }, anchor);
    }

    /// <summary>The composer again with the refusal; after a conflict (409) the form carries the saved Version and the saved details are shown.</summary>
    private async Task<IActionResult> ShowAgainAsync(int id, FeatureInput form, FeatureSaveResult result, CancellationToken cancellationToken)
    {
        ShowErrors(result.Errors);
        if (result.Outcome == SaveOutcome.Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            form = form with { Version = result.Saved!.Version };
            return View(nameof(Compose), new FeatureComposerPage(form, await reader.ComposeAsync(id, form.LeadArticleId, cancellationToken), result.Saved, result.SavedBy));
        }
        return View(nameof(Compose), new FeatureComposerPage(form, await reader.ComposeAsync(id, form.LeadArticleId, cancellationToken)));
    }
}
