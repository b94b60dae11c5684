using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 作者: the people credited on stories and photos, a tab of 栏目与作者. Every write goes through
/// <see cref="ContributorDesk"/>; a save over someone else's newer save shows the editor's input beside what is saved now (409).
/// </summary>
[Route("admin/catalog/contributors")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class ContributorsController(ContributorDesk desk) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "作者";
        return View(new ContributorListPage(await desk.ListAsync(q, cancellationToken), FieldErrors.Clean(q)));
    }

    [HttpGet("create")]
    public IActionResult Create()
    {
        ViewData["Title"] = "新建作者";
        return View("Edit", new ContributorEditPage(null, new ContributorInput(), 0));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(ContributorInput form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建作者";
        var result = await desk.CreateAsync(form, CurrentUser, cancellationToken);
        if (result.Outcome != SaveOutcome.Saved)
        {
            ShowErrors(result.Errors);
            return View("Edit", new ContributorEditPage(null, form, 0));
        }
        Flash(result.Message!);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await desk.LoadAsync(id, cancellationToken) is not { } contributor)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑作者：{contributor.Input.Name}";
        return View(new ContributorEditPage(id, contributor.Input, contributor.Credits));
    }

    [HttpPost("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, ContributorInput form, CancellationToken cancellationToken)
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
        ViewData["Title"] = $"编辑作者：{result.Saved?.Name ?? form.Name}";
        ShowErrors(result.Errors);
        var credits = await desk.CreditCountAsync(id, cancellationToken);
        if (result.Outcome == SaveOutcome.Conflict)
        {
            // The editor's input stays; the form now carries the saved Version, so saving again is deliberate.
            form.Version = result.Saved!.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(new ContributorEditPage(id, form, credits, result.Saved, result.SavedBy));
        }
        return View(new ContributorEditPage(id, form, credits));
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await desk.DeleteAsync(id, CurrentUser, cancellationToken);
        return AfterDelete(result.Outcome, result.Message, id);
    }
}
