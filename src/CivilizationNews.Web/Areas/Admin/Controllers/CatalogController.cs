using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Sections;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>栏目与作者: sections, tags (rename, merge, delete unused) and contributors.</summary>
[Route("admin/catalog")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed class CatalogController(NewsDbContext db, AuditLog audit) : AdminController
{
    private const int TagPageSize = 100;
    private const string StaleMessage = "保存未成功：您编辑期间，这条记录已被他人修改。请查看最新内容后重新修改。";

    // ---- Sections ----

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "栏目";
        var rows = await db.Sections.OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
            .Select(s => new SectionRowView(s.Id, s.Slug, s.Name, s.Description, s.SortOrder, s.Articles.Count))
            .ToListAsync(cancellationToken);
        return View(rows);
    }

    [HttpGet("sections/create")]
    public async Task<IActionResult> CreateSection(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建栏目";
        var next = await db.Sections.Select(s => (int?)s.SortOrder).MaxAsync(cancellationToken) ?? 0;
        return View("EditSection", new SectionEditPage(null, new SectionForm { SortOrder = next + 1 }, 0));
    }

    [HttpPost("sections/create")]
    public async Task<IActionResult> CreateSection(SectionForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建栏目";
        ModelState.DropBindingErrors();
        await ValidateSectionAsync(form, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("EditSection", new SectionEditPage(null, form, 0));
        }
        var section = new Section { Slug = string.Empty, Name = string.Empty };
        Apply(section, form);
        db.Sections.Add(section);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(CurrentUser.Actor, "section.create", "Section", section.Id, section.Name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已新建栏目“{section.Name}”。");
        return Redirect("/admin/catalog");
    }

    [HttpGet("sections/{id:int:min(1)}/edit")]
    public async Task<IActionResult> EditSection(int id, CancellationToken cancellationToken)
    {
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (section is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑栏目：{section.Name}";
        var form = new SectionForm { Slug = section.Slug, Name = section.Name, Description = section.Description, SortOrder = section.SortOrder, Version = section.Version };
        return View(new SectionEditPage(id, form, await db.Articles.CountAsync(a => a.SectionId == id, cancellationToken)));
    }

    [HttpPost("sections/{id:int:min(1)}/edit")]
    public async Task<IActionResult> EditSection(int id, SectionForm form, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (section is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑栏目：{section.Name}";
        if (section.Version != form.Version)
        {
            FlashError(StaleMessage);
            return Redirect($"/admin/catalog/sections/{id}/edit");
        }
        ModelState.DropBindingErrors();
        await ValidateSectionAsync(form, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(new SectionEditPage(id, form, await db.Articles.CountAsync(a => a.SectionId == id, cancellationToken)));
        }
        db.Entry(section).Property(s => s.Version).OriginalValue = form.Version;
        Apply(section, form);
        db.Entry(section).Property(s => s.UpdatedAt).IsModified = true;
        audit.Record(CurrentUser.Actor, "section.update", "Section", id, section.Name);
        if (!await TrySaveAsync(cancellationToken))
        {
            FlashError(StaleMessage);
            return Redirect($"/admin/catalog/sections/{id}/edit");
        }
        Flash($"栏目“{section.Name}”已保存。");
        return Redirect("/admin/catalog");
    }

    [HttpPost("sections/{id:int:min(1)}/delete")]
    public async Task<IActionResult> DeleteSection(int id, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (section is null)
        {
            return NotFound();
        }
        var stories = await db.Articles.CountAsync(a => a.SectionId == id, cancellationToken);
        if (stories > 0)
        {
            FlashError($"栏目“{section.Name}”下还有 {stories} 篇稿件，不能删除。请先把这些稿件改到其他栏目。");
            return Redirect($"/admin/catalog/sections/{id}/edit");
        }
        db.Sections.Remove(section);
        audit.Record(CurrentUser.Actor, "section.delete", "Section", id, section.Name);
        await db.SaveChangesAsync(cancellationToken);
        Flash($"已删除栏目“{section.Name}”。");
        return Redirect("/admin/catalog");
    }

    // ---- Tags ----

    [HttpGet("tags")]
    public async Task<IActionResult> Tags(string? q, string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "标签";
        var text = FormValues.Clean(q);
        var query = db.Tags.AsQueryable();
        if (text is not null)
        {
            query = query.Where(t => t.Name.Contains(text));
        }
        var number = Paging.PageNumber(page);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(t => t.Articles.Count).ThenBy(t => t.Name)
            .Skip((number - 1) * TagPageSize).Take(TagPageSize)
            .Select(t => new TagRowView(t.Id, t.Name, t.Articles.Count))
            .ToListAsync(cancellationToken);
        var all = await db.Tags.OrderBy(t => t.Name).Select(t => new ChoiceOption(t.Id, t.Name)).ToListAsync(cancellationToken);
        return View(new TagListPage(rows, text, number, Paging.PageCount(total, TagPageSize), total, all));
    }

    [HttpPost("tags/{id:int:min(1)}/rename")]
    public async Task<IActionResult> RenameTag(int id, string? name, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tag is null)
        {
            return NotFound();
        }
        var newName = FormValues.Clean(name);
        if (TagNameError(newName) is { } error)
        {
            FlashError(error);
            return Redirect("/admin/catalog/tags");
        }
        if (newName == tag.Name)
        {
            Flash("标签名没有变化。");
            return Redirect("/admin/catalog/tags");
        }
        if (await db.Tags.AnyAsync(t => t.Name == newName && t.Id != id, cancellationToken))
        {
            FlashError($"已有名为“{newName}”的标签。如要把两个标签并为一个，请使用“合并标签”。");
            return Redirect("/admin/catalog/tags");
        }
        var old = tag.Name;
        tag.Name = newName!;
        audit.Record(CurrentUser.Actor, "tag.rename", "Tag", id, $"{old} → {newName}");
        await db.SaveChangesAsync(cancellationToken);
        Flash($"已把标签“{old}”改名为“{newName}”。");
        return Redirect("/admin/catalog/tags");
    }

    /// <summary>Moves every story of the source tag to the target tag, then deletes the source.</summary>
    [HttpPost("tags/merge")]
    public async Task<IActionResult> MergeTags(int sourceId, int targetId, CancellationToken cancellationToken)
    {
        if (sourceId == targetId)
        {
            FlashError("请选择两个不同的标签。");
            return Redirect("/admin/catalog/tags");
        }
        var source = await db.Tags.AsTracking().Include(t => t.Articles).FirstOrDefaultAsync(t => t.Id == sourceId, cancellationToken);
        var target = await db.Tags.AsTracking().FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (source is null || target is null)
        {
            FlashError("请选择要合并的两个标签。");
            return Redirect("/admin/catalog/tags");
        }
        var already = await db.ArticleTags.Where(a => a.TagId == targetId).Select(a => a.ArticleId).ToListAsync(cancellationToken);
        var moved = source.Articles.Select(a => a.ArticleId).Except(already).ToList();
        foreach (var articleId in moved)
        {
            db.ArticleTags.Add(new ArticleTag { ArticleId = articleId, TagId = targetId });
        }
        db.Tags.Remove(source);
        audit.Record(CurrentUser.Actor, "tag.merge", "Tag", targetId, $"“{source.Name}”并入“{target.Name}”，{moved.Count} 篇稿件");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已把“{source.Name}”并入“{target.Name}”（{moved.Count} 篇稿件改用“{target.Name}”）。");
        return Redirect("/admin/catalog/tags");
    }

    [HttpPost("tags/{id:int:min(1)}/delete")]
    public async Task<IActionResult> DeleteTag(int id, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tag is null)
        {
            return NotFound();
        }
        var stories = await db.ArticleTags.CountAsync(a => a.TagId == id, cancellationToken);
        if (stories > 0)
        {
            FlashError($"标签“{tag.Name}”仍用于 {stories} 篇稿件，不能删除。可以把它合并到另一个标签。");
            return Redirect("/admin/catalog/tags");
        }
        db.Tags.Remove(tag);
        audit.Record(CurrentUser.Actor, "tag.delete", "Tag", id, tag.Name);
        await db.SaveChangesAsync(cancellationToken);
        Flash($"已删除标签“{tag.Name}”。");
        return Redirect("/admin/catalog/tags");
    }

    // ---- Contributors ----

    [HttpGet("contributors")]
    public async Task<IActionResult> Contributors(string? q, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "作者";
        var text = FormValues.Clean(q);
        var query = db.Contributors.AsQueryable();
        if (text is not null)
        {
            query = query.Where(c => c.Name.Contains(text) || c.Slug.Contains(text) || (c.Organisation != null && c.Organisation.Contains(text)));
        }
        var rows = await query.OrderBy(c => c.Name)
            .Select(c => new ContributorRowView(c.Id, c.Slug, c.Name, c.UsualRole, c.Organisation, c.Credits.Count,
                db.Media.Count(m => m.CreditContributorId == c.Id)))
            .ToListAsync(cancellationToken);
        return View(new ContributorListPage(rows, text));
    }

    [HttpGet("contributors/create")]
    public IActionResult CreateContributor()
    {
        ViewData["Title"] = "新建作者";
        return View("EditContributor", new ContributorEditPage(null, new ContributorForm(), 0));
    }

    [HttpPost("contributors/create")]
    public async Task<IActionResult> CreateContributor(ContributorForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "新建作者";
        ModelState.DropBindingErrors();
        await ValidateContributorAsync(form, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("EditContributor", new ContributorEditPage(null, form, 0));
        }
        var contributor = new Contributor { Slug = string.Empty, Name = string.Empty };
        Apply(contributor, form);
        db.Contributors.Add(contributor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(CurrentUser.Actor, "contributor.create", "Contributor", contributor.Id, contributor.Name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已新建作者“{contributor.Name}”。");
        return Redirect("/admin/catalog/contributors");
    }

    [HttpGet("contributors/{id:int:min(1)}/edit")]
    public async Task<IActionResult> EditContributor(int id, CancellationToken cancellationToken)
    {
        var c = await db.Contributors.FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑作者：{c.Name}";
        var form = new ContributorForm { Slug = c.Slug, Name = c.Name, UsualRole = c.UsualRole, Organisation = c.Organisation, Version = c.Version };
        return View(new ContributorEditPage(id, form, await db.ArticleCredits.CountAsync(x => x.ContributorId == id, cancellationToken)));
    }

    [HttpPost("contributors/{id:int:min(1)}/edit")]
    public async Task<IActionResult> EditContributor(int id, ContributorForm form, CancellationToken cancellationToken)
    {
        var contributor = await db.Contributors.AsTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (contributor is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"编辑作者：{contributor.Name}";
        if (contributor.Version != form.Version)
        {
            FlashError(StaleMessage);
            return Redirect($"/admin/catalog/contributors/{id}/edit");
        }
        ModelState.DropBindingErrors();
        await ValidateContributorAsync(form, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(new ContributorEditPage(id, form, await db.ArticleCredits.CountAsync(x => x.ContributorId == id, cancellationToken)));
        }
        db.Entry(contributor).Property(c => c.Version).OriginalValue = form.Version;
        Apply(contributor, form);
        db.Entry(contributor).Property(c => c.UpdatedAt).IsModified = true;
        audit.Record(CurrentUser.Actor, "contributor.update", "Contributor", id, contributor.Name);
        if (!await TrySaveAsync(cancellationToken))
        {
            FlashError(StaleMessage);
            return Redirect($"/admin/catalog/contributors/{id}/edit");
        }
        Flash($"作者“{contributor.Name}”已保存。");
        return Redirect("/admin/catalog/contributors");
    }

    [HttpPost("contributors/{id:int:min(1)}/delete")]
    public async Task<IActionResult> DeleteContributor(int id, CancellationToken cancellationToken)
    {
        var contributor = await db.Contributors.AsTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (contributor is null)
        {
            return NotFound();
        }
        var uses = new List<string>();
        var credits = await db.ArticleCredits.CountAsync(x => x.ContributorId == id, cancellationToken);
        if (credits > 0)
        {
            uses.Add($"{credits} 篇稿件的署名");
        }
        var photos = await db.Media.CountAsync(m => m.CreditContributorId == id, cancellationToken);
        if (photos > 0)
        {
            uses.Add($"{photos} 张图片的署名");
        }
        var bylines = await db.FeatureBylines.CountAsync(b => b.ContributorId == id, cancellationToken);
        if (bylines > 0)
        {
            uses.Add($"{bylines} 个专题的版面署名");
        }
        var accounts = await db.Users.CountAsync(u => u.ContributorId == id, cancellationToken);
        if (accounts > 0)
        {
            uses.Add($"{accounts} 个账号");
        }
        if (uses.Count > 0)
        {
            FlashError($"作者“{contributor.Name}”仍用于{string.Join("、", uses)}，不能删除。");
            return Redirect($"/admin/catalog/contributors/{id}/edit");
        }
        db.Contributors.Remove(contributor);
        audit.Record(CurrentUser.Actor, "contributor.delete", "Contributor", id, contributor.Name);
        await db.SaveChangesAsync(cancellationToken);
        Flash($"已删除作者“{contributor.Name}”。");
        return Redirect("/admin/catalog/contributors");
    }

    // ---- Helpers ----

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
            return false;
        }
    }

    private async Task ValidateSectionAsync(SectionForm form, int? id, CancellationToken cancellationToken)
    {
        var slug = Slugs.Normalize(form.Slug);
        if (!Slugs.IsValid(slug))
        {
            ModelState.AddModelError(nameof(form.Slug), Slugs.Rule);
        }
        else if (await db.Sections.AnyAsync(s => s.Slug == slug && s.Id != id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Slug), "这个网址名已被另一个栏目使用。");
        }
        var name = FormValues.Clean(form.Name);
        if (name is null)
        {
            ModelState.AddModelError(nameof(form.Name), "请填写栏目名称。");
        }
        else if (name.Length > 50)
        {
            ModelState.AddModelError(nameof(form.Name), "栏目名称不超过 50 字。");
        }
        if (form.Description?.Trim().Length > 500)
        {
            ModelState.AddModelError(nameof(form.Description), "栏目说明不超过 500 字。");
        }
        if (form.SortOrder is < 0 or > 999)
        {
            ModelState.AddModelError(nameof(form.SortOrder), "排序请填写 0–999 的数字。");
        }
    }

    private async Task ValidateContributorAsync(ContributorForm form, int? id, CancellationToken cancellationToken)
    {
        var slug = Slugs.Normalize(form.Slug);
        if (!Slugs.IsValid(slug))
        {
            ModelState.AddModelError(nameof(form.Slug), Slugs.Rule);
        }
        else if (await db.Contributors.AnyAsync(c => c.Slug == slug && c.Id != id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Slug), "这个网址名已被另一位作者使用。");
        }
        var name = FormValues.Clean(form.Name);
        if (name is null)
        {
            ModelState.AddModelError(nameof(form.Name), "请填写姓名。");
        }
        else if (name.Length > 50)
        {
            ModelState.AddModelError(nameof(form.Name), "姓名不超过 50 字。");
        }
        if (form.Organisation?.Trim().Length > 100)
        {
            ModelState.AddModelError(nameof(form.Organisation), "所在单位不超过 100 字。");
        }
        if (!Enum.IsDefined(form.UsualRole))
        {
            ModelState.AddModelError(nameof(form.UsualRole), "请选择常用身份。");
        }
    }

    /// <summary>Tag names are part of the public address /tag/名称, so characters that would break it are refused.</summary>
    private static string? TagNameError(string? name) =>
        name is null ? "请填写标签名。"
        : name.Length > 50 ? "标签名不超过 50 字。"
        : name.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0 ? "标签名不能包含 / \\ ? # % 等符号。"
        : null;

    private static void Apply(Section section, SectionForm form)
    {
        section.Slug = Slugs.Normalize(form.Slug);
        section.Name = form.Name!.Trim();
        section.Description = FormValues.Clean(form.Description);
        section.SortOrder = form.SortOrder;
    }

    private static void Apply(Contributor contributor, ContributorForm form)
    {
        contributor.Slug = Slugs.Normalize(form.Slug);
        contributor.Name = form.Name!.Trim();
        contributor.UsualRole = form.UsualRole;
        contributor.Organisation = FormValues.Clean(form.Organisation);
    }
}
