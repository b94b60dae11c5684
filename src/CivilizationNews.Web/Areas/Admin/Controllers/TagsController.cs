using CivilizationNews.Core.Content;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>标签: rename, merge and delete unused tags, a tab of 栏目与作者. Every change goes through <see cref="TagDesk"/> and ends on the list with a message.</summary>
[Route("admin/catalog/tags")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class TagsController(TagDesk desk) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "标签";
        var listing = await desk.ListAsync(q, Paging.PageNumber(page), cancellationToken);
        return View(new TagListPage(listing.Rows, FieldErrors.Clean(q), listing.All));
    }

    [HttpPost("{id:int:min(1)}/rename")]
    public async Task<IActionResult> Rename(int id, TagRenameInput form, CancellationToken cancellationToken) =>
        Done(await desk.RenameAsync(id, form, CurrentUser, cancellationToken));

    /// <summary>Moves every story of the source tag to the target tag, then deletes the source.</summary>
    [HttpPost("merge")]
    public async Task<IActionResult> Merge(TagMergeInput form, CancellationToken cancellationToken) =>
        Done(await desk.MergeAsync(form, CurrentUser, cancellationToken));

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken) =>
        Done(await desk.DeleteAsync(id, CurrentUser, cancellationToken));

    /// <summary>Every tag change ends on the list: a success as a status message, a refusal as an error.</summary>
    private IActionResult Done(TagSaveResult result)
    {
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                Flash(result.Message!);
                break;
            default:
                FlashError(result.Message!);
                break;
        }
        return RedirectToAction(nameof(Index));
    }
}
