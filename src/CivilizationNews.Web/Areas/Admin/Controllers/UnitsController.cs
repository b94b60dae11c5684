using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Units;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 单位: the municipal units stories are about. A unit is IVersioned: the form carries the Version it
/// loaded, and a save over someone else's newer save is refused with both versions shown.
/// </summary>
[Route("admin/units")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class UnitsController(NewsDbContext db, AuditLog audit) : AdminController
{
    private const int HonourYearMin = 1949;
    private const int BlankHonourRows = 3;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? kind, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "单位";
        var query = db.Units.AsQueryable();
        var text = FormValues.Clean(q);
        if (text is not null)
        {
            query = query.Where(u => u.Name.Contains(text) || u.ShortName.Contains(text) || u.Slug.Contains(text));
        }
        UnitKind? filter = Enum.TryParse<UnitKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
        if (filter is { } f)
        {
            query = query.Where(u => u.Kind == f);
        }
        var rows = await query.OrderBy(u => u.Kind).ThenBy(u => u.Name)
            .Select(u => new UnitRowView(u.Id, u.Slug, u.Name, u.ShortName, u.Kind, u.IndustrySystem, u.Articles.Count, u.UpdatedAt))
            .ToListAsync(cancellationToken);
        return View(new UnitListPage(rows, text, filter));
    }

    [HttpGet("create")]
    public IActionResult Create()
    {
        ViewData["Title"] = "新建单位";
        return View("Edit", new UnitEditPage(null, WithBlankRows(new UnitForm()), 0));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(UnitForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建单位";
        ModelState.DropBindingErrors();
        await ValidateAsync(form, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Edit", new UnitEditPage(null, WithBlankRows(form), 0));
        }
        var unit = new Unit { Slug = string.Empty, Name = string.Empty, ShortName = string.Empty };
        Apply(unit, form);
        db.Units.Add(unit);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(CurrentUser.Actor, "unit.create", "Unit", unit.Id, unit.Name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已新建单位“{unit.Name}”。");
        return Redirect($"/admin/units/{unit.Id}/edit");
    }

    [HttpGet("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var unit = await db.Units.Include(u => u.Honours).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑单位：{unit.Name}";
        var stories = await db.ArticleUnits.CountAsync(a => a.UnitId == id, cancellationToken);
        return View(new UnitEditPage(id, WithBlankRows(UnitForm.From(unit)), stories));
    }

    [HttpPost("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, UnitForm form, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsTracking().Include(u => u.Honours).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑单位：{unit.Name}";
        if (unit.Version != form.Version)
        {
            return await StaleAsync(id, form, cancellationToken);
        }
        ModelState.DropBindingErrors();
        await ValidateAsync(form, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(new UnitEditPage(id, WithBlankRows(form), await db.ArticleUnits.CountAsync(a => a.UnitId == id, cancellationToken)));
        }
        var before = UnitForm.From(unit);
        // The Version the editor loaded is the one the UPDATE must still find.
        db.Entry(unit).Property(u => u.Version).OriginalValue = form.Version;
        Apply(unit, form);
        // Always an UPDATE with the Version check, even when only honours changed, so the token renews.
        db.Entry(unit).Property(u => u.UpdatedAt).IsModified = true;
        audit.Record(CurrentUser.Actor, "unit.update", "Unit", id, Changes(before, UnitForm.From(unit)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await StaleAsync(id, form, cancellationToken);
        }
        Flash("单位资料已保存。");
        return Redirect($"/admin/units/{id}/edit");
    }

    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }
        var stories = await db.ArticleUnits.CountAsync(a => a.UnitId == id, cancellationToken);
        if (stories > 0)
        {
            FlashError($"“{unit.Name}”仍被 {stories} 篇稿件引用，不能删除。请先在这些稿件中移除该单位。");
            return Redirect($"/admin/units/{id}/edit");
        }
        var accounts = await db.Users.CountAsync(u => u.UnitId == id, cancellationToken);
        if (accounts > 0)
        {
            FlashError($"“{unit.Name}”下还有 {accounts} 个通讯员账号，不能删除。请先在“账号”中更改他们的单位。");
            return Redirect($"/admin/units/{id}/edit");
        }
        db.Units.Remove(unit);
        audit.Record(CurrentUser.Actor, "unit.delete", "Unit", id, unit.Name);
        await db.SaveChangesAsync(cancellationToken);
        Flash($"已删除单位“{unit.Name}”。");
        return Redirect("/admin/units");
    }

    /// <summary>
    /// Someone saved the unit after this editor loaded it. Nothing is written: the editor's input is shown
    /// again next to what is saved now, and the form now carries the new Version, so saving again is a
    /// deliberate choice made with both versions in view.
    /// </summary>
    private async Task<IActionResult> StaleAsync(int id, UnitForm form, CancellationToken cancellationToken)
    {
        var saved = await db.Units.Include(u => u.Honours).FirstAsync(u => u.Id == id, cancellationToken);
        var by = await db.AuditEntries.Where(a => a.EntityType == "Unit" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderByDescending(a => a.Id).Select(a => a.UserName).FirstOrDefaultAsync(cancellationToken);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, "保存未成功：您编辑期间，这个单位已被他人修改并保存。您的输入仍保留在下方，页面底部是目前已保存的内容。请核对后再次保存，再次保存将以您的版本为准。");
        form.Version = saved.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Edit", new UnitEditPage(id, WithBlankRows(form), await db.ArticleUnits.CountAsync(a => a.UnitId == id, cancellationToken), UnitForm.From(saved), by));
    }

    private async Task ValidateAsync(UnitForm form, int? id, CancellationToken cancellationToken)
    {
        var slug = Slugs.Normalize(form.Slug);
        if (!Slugs.IsValid(slug))
        {
            ModelState.AddModelError(nameof(form.Slug), Slugs.Rule);
        }
        else if (await db.Units.AnyAsync(u => u.Slug == slug && u.Id != id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Slug), "这个网址名已被另一个单位使用。");
        }
        Require(nameof(form.Name), form.Name, "单位全称", 100);
        Require(nameof(form.ShortName), form.ShortName, "简称", 50);
        MaxLength(nameof(form.IndustrySystem), form.IndustrySystem, "行业系统", 50);
        MaxLength(nameof(form.Address), form.Address, "地址", 200);
        MaxLength(nameof(form.Description), form.Description, "简介", 20_000);
        if (!Enum.IsDefined(form.Kind))
        {
            ModelState.AddModelError(nameof(form.Kind), "请选择单位类型。");
        }
        var maxYear = DateTime.UtcNow.Year + 1;
        for (var i = 0; i < form.Honours.Count; i++)
        {
            var h = form.Honours[i];
            var title = FormValues.Clean(h.Title);
            if (title is null && h.Year is null)
            {
                continue;
            }
            var key = $"Honours[{i}]";
            if (title is null)
            {
                ModelState.AddModelError(key, $"第 {i + 1} 行荣誉：请填写荣誉名称，或把年份也清空。");
            }
            else if (title.Length > 200)
            {
                ModelState.AddModelError(key, $"第 {i + 1} 行荣誉：名称不超过 200 字。");
            }
            if (h.Year is not { } year || year < HonourYearMin || year > maxYear)
            {
                ModelState.AddModelError(key, $"第 {i + 1} 行荣誉：请填写 {HonourYearMin}–{maxYear} 之间的年份。");
            }
        }
    }

    private void Require(string key, string? value, string label, int max)
    {
        if (FormValues.Clean(value) is null)
        {
            ModelState.AddModelError(key, $"请填写{label}。");
        }
        else
        {
            MaxLength(key, value, label, max);
        }
    }

    private void MaxLength(string key, string? value, string label, int max)
    {
        if (value?.Trim().Length > max)
        {
            ModelState.AddModelError(key, $"{label}不超过 {max} 字。");
        }
    }

    private static void Apply(Unit unit, UnitForm form)
    {
        unit.Slug = Slugs.Normalize(form.Slug);
        unit.Name = form.Name!.Trim();
        unit.ShortName = form.ShortName!.Trim();
        unit.Kind = form.Kind;
        unit.IndustrySystem = FormValues.Clean(form.IndustrySystem);
        unit.Address = FormValues.Clean(form.Address);
        unit.Description = FormValues.Clean(form.Description)?.Replace("\r\n", "\n", StringComparison.Ordinal);
        var honours = form.Honours
            .Where(h => FormValues.Clean(h.Title) is not null && h.Year is not null)
            .Select(h => (Year: h.Year!.Value, Title: h.Title!.Trim()))
            .Distinct()
            .OrderBy(h => h.Year)
            .ToList();
        // Keep rows that did not change, so an unchanged list writes nothing.
        unit.Honours.RemoveAll(h => !honours.Contains((h.Year, h.Title)));
        foreach (var (year, title) in honours.Where(n => !unit.Honours.Any(h => h.Year == n.Year && h.Title == n.Title)))
        {
            unit.Honours.Add(new UnitHonour { Year = year, Title = title });
        }
    }

    private static UnitForm WithBlankRows(UnitForm form)
    {
        form.Honours = form.Honours.Where(h => h.Year is not null || FormValues.Clean(h.Title) is not null).ToList();
        for (var i = 0; i < BlankHonourRows; i++)
        {
            form.Honours.Add(new HonourInput());
        }
        return form;
    }

    /// <summary>The labels of the fields a save changed, for the audit entry.</summary>
    private static string Changes(UnitForm before, UnitForm after)
    {
        var changed = new List<string>();
        void Check(string label, string? a, string? b)
        {
            if (!string.Equals(a ?? string.Empty, b ?? string.Empty, StringComparison.Ordinal))
            {
                changed.Add(label);
            }
        }
        Check("网址名", before.Slug, after.Slug);
        Check("全称", before.Name, after.Name);
        Check("简称", before.ShortName, after.ShortName);
        Check("类型", before.Kind.Label(), after.Kind.Label());
        Check("行业系统", before.IndustrySystem, after.IndustrySystem);
        Check("简介", before.Description, after.Description);
        Check("地址", before.Address, after.Address);
        Check("荣誉", string.Join("|", before.Honours.Select(h => $"{h.Year}{h.Title}")), string.Join("|", after.Honours.Select(h => $"{h.Year}{h.Title}")));
        return $"{after.Name}：{(changed.Count == 0 ? "无改动" : "修改了" + string.Join("、", changed))}";
    }
}
