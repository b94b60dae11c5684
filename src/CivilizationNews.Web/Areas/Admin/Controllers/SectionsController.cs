using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 栏目: the sections of the paper, and the first tab of 栏目与作者 (/admin/catalog). Every write goes through
/// <see cref="SectionDesk"/>; a save over someone else's newer save shows the editor's input beside what is saved now (409).
/// </summary>
[Route("admin/catalog")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class SectionsController(SectionDesk desk) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "栏目";
        return View(await desk.ListAsync(cancellationToken));
    }

    [HttpGet("sections/create")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建栏目";
        return View("Edit", new SectionEditPage(null, await desk.BlankAsync(cancellationToken), 0));
    }

    [HttpPost("sections/create")]
    public async Task<IActionResult> Create(SectionInput form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建栏目";
        var result = await desk.CreateAsync(form, CurrentUser, cancellationToken);
        if (result.Outcome != SaveOutcome.Saved)
        {
            ShowErrors(result.Errors);
            return View("Edit", new SectionEditPage(null, form, 0));
        }
        Flash(result.Message!);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("sections/{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await desk.LoadAsync(id, cancellationToken) is not { } section)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑栏目：{section.Input.Name}";
        return View(new SectionEditPage(id, section.Input, section.Stories));
    }

    [HttpPost("sections/{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, SectionInput form, CancellationToken cancellationToken)
    {
        var result = await desk.UpdateAsync(id, form, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                Flash(result.Message!);
                return RedirectToAction(nameof(Index));
        }
        ViewData["Title"] = $"编辑栏目：{result.Saved?.Name ?? form.Name}";
        ShowErrors(result.Errors);
        var stories = await desk.StoryCountAsync(id, cancellationToken);
        if (result.Outcome == SaveOutcome.Conflict)
        {
            // The editor's input stays; the form now carries the saved Version, so saving again is deliberate.
            form.Version = result.Saved!.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(new SectionEditPage(id, form, stories, result.Saved, result.SavedBy));
        }
        return View(new SectionEditPage(id, form, stories));
    }

    [HttpPost("sections/{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await desk.DeleteAsync(id, CurrentUser, cancellationToken);
        return AfterDelete(result.Outcome, result.Message, id);
    }
}
