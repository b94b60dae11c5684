using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Sections;

/// <summary>How a section save ended. After a <see cref="SaveOutcome.Conflict"/>, <see cref="Saved"/> is what is in the database now.</summary>
public sealed record SectionSaveResult(SaveOutcome Outcome, int Id = 0, FieldErrors? Errors = null, string? Message = null,
    SectionInput? Saved = null, string? SavedBy = null);

/// <summary>
/// 栏目: writes the sections of the paper — validation, the transaction, the audit record and the rule
/// that a section still holding stories cannot be deleted. A section is IVersioned: a save over someone
/// else's newer save is refused with what they saved.
/// </summary>
public sealed class SectionDesk(NewsDbContext db, AuditLog audit)
{
    public const int MaxSortOrder = 999;

    public async Task<IReadOnlyList<SectionRow>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Sections.OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
            .Select(s => new SectionRow(s.Id, s.Slug, s.Name, s.Description, s.SortOrder, s.Articles.Count))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>A blank form that sorts the new section after the last one.</summary>
    public async Task<SectionInput> BlankAsync(CancellationToken cancellationToken = default)
    {
        var last = await db.Sections.Select(s => (int?)s.SortOrder).MaxAsync(cancellationToken).ConfigureAwait(false) ?? 0;
        return new SectionInput { SortOrder = Math.Min(last + 1, MaxSortOrder) };
    }

    public async Task<SectionEditing?> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        return section is null ? null : new SectionEditing(SectionInput.From(section), await StoryCountAsync(id, cancellationToken).ConfigureAwait(false));
    }

    public Task<int> StoryCountAsync(int id, CancellationToken cancellationToken = default) =>
        db.Articles.CountAsync(a => a.SectionId == id, cancellationToken);

    public async Task<SectionSaveResult> CreateAsync(SectionInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var errors = await ValidateAsync(input, null, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, Errors: errors);
        }
        var section = new Section { Slug = string.Empty, Name = string.Empty };
        Apply(section, input);
        db.Sections.Add(section);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            audit.Record(user.Actor, "section.create", "Section", section.Id, section.Name);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, section.Id, Message: $"已新建栏目“{section.Name}”。");
    }

    public async Task<SectionSaveResult> UpdateAsync(int id, SectionInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var section = await db.Sections.AsTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (section is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (section.Version != input.Version)
        {
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        var errors = await ValidateAsync(input, id, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, errors);
        }
        // The Version the editor loaded is the one the UPDATE must still find.
        db.Entry(section).Property(s => s.Version).OriginalValue = input.Version;
        Apply(section, input);
        db.Entry(section).Property(s => s.UpdatedAt).IsModified = true;
        audit.Record(user.Actor, "section.update", "Section", id, section.Name);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: $"栏目“{section.Name}”已保存。");
    }

    public async Task<SectionSaveResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var section = await db.Sections.AsTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (section is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var stories = await StoryCountAsync(id, cancellationToken).ConfigureAwait(false);
        if (stories > 0)
        {
            return new(SaveOutcome.Refused, id, Message: $"栏目“{section.Name}”下还有 {stories} 篇稿件，不能删除。请先把这些稿件改到其他栏目。");
        }
        db.Sections.Remove(section);
        audit.Record(user.Actor, "section.delete", "Section", id, section.Name);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, Message: $"已删除栏目“{section.Name}”。");
    }

    /// <summary>Someone saved the section after this editor loaded it: nothing is written, the result carries what is saved now.</summary>
    private async Task<SectionSaveResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var saved = await db.Sections.FirstAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        var by = await db.AuditEntries.LastActorAsync("Section", id, cancellationToken).ConfigureAwait(false);
        var errors = FieldErrors.Conflict("这个栏目");
        return new(SaveOutcome.Conflict, id, errors, Saved: SectionInput.From(saved), SavedBy: by);
    }

    private async Task<FieldErrors> ValidateAsync(SectionInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var slug = Slugs.Normalize(input.Slug);
        if (!Slugs.IsValid(slug))
        {
            errors.Add(nameof(input.Slug), Slugs.Rule);
        }
        else if (await db.Sections.AnyAsync(s => s.Slug == slug && s.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.Slug), "这个网址名已被另一个栏目使用。");
        }
        errors.Require(nameof(input.Name), input.Name, "栏目名称", 50);
        errors.MaxLength(nameof(input.Description), input.Description, "栏目说明", 500);
        if (input.SortOrder is < 0 or > MaxSortOrder)
        {
            errors.Add(nameof(input.SortOrder), "排序请填写 0–999 的数字。");
        }
        return errors;
    }

    private static void Apply(Section section, SectionInput input)
    {
        section.Slug = Slugs.Normalize(input.Slug);
        section.Name = input.Name!.Trim();
        section.Description = FieldErrors.Clean(input.Description);
        section.SortOrder = input.SortOrder;
    }
}
