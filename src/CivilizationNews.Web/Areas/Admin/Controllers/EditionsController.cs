using CivilizationNews.Core.Content;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 版面: editions (期) and their pages (版), with the stories placed on each page in print order. Every write
/// goes through <see cref="EditionDesk"/>; a save of the edition over someone else's newer save shows the
/// editor's input beside what is saved now (409). Page and placement changes return to their page.
/// </summary>
[Route("admin/editions")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class EditionsController(EditionDesk desk) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "版面";
        return View(new EditionListPage(await desk.ListAsync(Paging.PageNumber(page), cancellationToken), await desk.BlankAsync(cancellationToken)));
    }

    [HttpPost("")]
    public async Task<IActionResult> Create(EditionInput form, CancellationToken cancellationToken)
    {
        var result = await desk.CreateAsync(form, CurrentUser, cancellationToken);
        if (result.Outcome != SaveOutcome.Saved)
        {
            ViewData["Title"] = "版面";
            ShowErrors(result.Errors);
            return View(nameof(Index), new EditionListPage(await desk.ListAsync(1, cancellationToken), form));
        }
        Flash(result.Message!);
        return RedirectToAction(nameof(Edit), new { id = result.Id });
    }

    [HttpGet("{id:int:min(1)}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await desk.LoadAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }
        var model = new EditionEditPage(edition, edition.Input);
        ViewData["Title"] = model.Title;
        return View(model);
    }

    [HttpPost("{id:int:min(1)}")]
    public async Task<IActionResult> Edit(int id, EditionInput form, CancellationToken cancellationToken)
    {
        var result = await desk.UpdateAsync(id, form, CurrentUser, cancellationToken);
        if (result.Outcome == SaveOutcome.Saved)
        {
            Flash(result.Message!);
            return RedirectToAction(nameof(Edit), new { id });
        }
        if (result.Outcome == SaveOutcome.NotFound || await desk.LoadAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }
        ShowErrors(result.Errors);
        var model = new EditionEditPage(edition, form);
        if (result.Outcome == SaveOutcome.Conflict)
        {
            // The editor's input stays; the form now carries the saved Version, so saving again is deliberate.
            form.Version = result.Saved!.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            model = model with { Saved = result.Saved, SavedBy = result.SavedBy };
        }
        ViewData["Title"] = model.Title;
        return View(model);
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await desk.DeleteAsync(id, CurrentUser, cancellationToken);
        if (result.Outcome == SaveOutcome.Saved)
        {
            Flash(result.Message!);
            return RedirectToAction(nameof(Index));
        }
        return Done(result);
    }

    // ---- Pages ----

    [HttpPost("{id:int:min(1)}/pages")]
    public async Task<IActionResult> AddPage(int id, EditionPageInput form, CancellationToken cancellationToken) =>
        Done(await desk.AddPageAsync(id, form, CurrentUser, cancellationToken));

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}")]
    public async Task<IActionResult> UpdatePage(int id, int pageId, EditionPageInput form, CancellationToken cancellationToken) =>
        Done(await desk.UpdatePageAsync(id, pageId, form, CurrentUser, cancellationToken));

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/delete")]
    public async Task<IActionResult> DeletePage(int id, int pageId, CancellationToken cancellationToken) =>
        Done(await desk.DeletePageAsync(id, pageId, CurrentUser, cancellationToken));

    // ---- Stories on a page ----

    /// <summary>Places a story at the end of a page (moving it from any other page).</summary>
    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/stories")]
    public async Task<IActionResult> PlaceStory(int id, int pageId, PlaceStoryInput form, CancellationToken cancellationToken) =>
        Done(await desk.PlaceStoryAsync(id, pageId, form, CurrentUser, cancellationToken));

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/stories/{articleId:int:min(1)}/up")]
    public async Task<IActionResult> MoveStoryUp(int id, int pageId, int articleId, CancellationToken cancellationToken) =>
        Done(await desk.MoveStoryAsync(id, pageId, articleId, -1, CurrentUser, cancellationToken));

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/stories/{articleId:int:min(1)}/down")]
    public async Task<IActionResult> MoveStoryDown(int id, int pageId, int articleId, CancellationToken cancellationToken) =>
        Done(await desk.MoveStoryAsync(id, pageId, articleId, +1, CurrentUser, cancellationToken));

    [HttpPost("{id:int:min(1)}/pages/{pageId:int:min(1)}/stories/{articleId:int:min(1)}/remove")]
    public async Task<IActionResult> RemoveStory(int id, int pageId, int articleId, CancellationToken cancellationToken) =>
        Done(await desk.RemoveStoryAsync(id, pageId, articleId, CurrentUser, cancellationToken));

    /// <summary>A page or placement change returns to the edition, at the page it concerns, with its message.</summary>
    private IActionResult Done(EditionSaveResult result)
    {
        if (result.Outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }
        if (result.Message is { } message)
        {
            if (result.Outcome == SaveOutcome.Saved)
            {
                Flash(message);
            }
            else
            {
                FlashError(message);
            }
        }
        return result.PageId is { } pageId
            ? RedirectToAction(nameof(Edit), null, new { id = result.Id }, $"page-{pageId}")
            : RedirectToAction(nameof(Edit), new { id = result.Id });
    }
}
