using CivilizationNews.Core.Units;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 单位: the municipal units stories are about. Every write goes through <see cref="UnitDesk"/>; a save
/// over someone else's newer save shows the editor's input beside what is saved now (409).
/// </summary>
[Route("admin/units")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class UnitsController(UnitDesk desk) : AdminController
{
    private const int BlankHonourRows = 3;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? kind, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "单位";
        UnitKind? filter = Enum.TryParse<UnitKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
        var rows = await desk.ListAsync(q, filter, cancellationToken);
        return View(new UnitListPage(rows, FieldErrors.Clean(q), filter));
    }

    [HttpGet("create")]
    public IActionResult Create()
    {
        ViewData["Title"] = "新建单位";
        return View("Edit", new UnitEditPage(null, WithBlankRows(new UnitInput()), 0));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(UnitInput form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建单位";
        var result = await desk.CreateAsync(form, CurrentUser, cancellationToken);
        if (result.Outcome != SaveOutcome.Saved)
        {
            ShowErrors(result.Errors);
            return View("Edit", new UnitEditPage(null, WithBlankRows(form), 0));
        }
        Flash(result.Message!);
        return RedirectToAction(nameof(Edit), new { id = result.Id });
    }

    [HttpGet("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await desk.LoadAsync(id, cancellationToken) is not { } unit)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑单位：{unit.Input.Name}";
        return View(new UnitEditPage(id, WithBlankRows(unit.Input), unit.Stories));
    }

    [HttpPost("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, UnitInput form, CancellationToken cancellationToken)
    {
        var result = await desk.UpdateAsync(id, form, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                Flash(result.Message!);
                return RedirectToAction(nameof(Edit), new { id });
        }
        ViewData["Title"] = $"编辑单位：{result.Saved?.Name ?? form.Name}";
        ShowErrors(result.Errors);
        var stories = await desk.StoryCountAsync(id, cancellationToken);
        if (result.Outcome == SaveOutcome.Conflict)
        {
            // The editor's input stays; the form now carries the saved Version, so saving again is deliberate.
            form.Version = result.Saved!.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(new UnitEditPage(id, WithBlankRows(form), stories, result.Saved, result.SavedBy));
        }
        return View(new UnitEditPage(id, WithBlankRows(form), stories));
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await desk.DeleteAsync(id, CurrentUser, cancellationToken);
        return AfterDelete(result.Outcome, result.Message, id);
    }

    private static UnitInput WithBlankRows(UnitInput form)
    {
        form.Honours = form.Honours.Where(h => h.Year is not null || FieldErrors.Clean(h.Title) is not null).ToList();
        for (var i = 0; i < BlankHonourRows; i++)
        {
            form.Honours.Add(new HonourInput());
        }
        return form;
    }
}
