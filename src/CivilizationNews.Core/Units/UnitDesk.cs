using System.Globalization;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Units;

/// <summary>How a unit save ended. After a <see cref="SaveOutcome.Conflict"/>, <see cref="Saved"/> is what is in the database now.</summary>
public sealed record UnitSaveResult(SaveOutcome Outcome, int Id = 0, FieldErrors? Errors = null, string? Message = null,
    UnitInput? Saved = null, string? SavedBy = null);

/// <summary>
/// 单位: writes the municipal units stories are about — validation, the transaction, the audit record
/// and the rules (a unit still on a story or with correspondents cannot be deleted). A unit is
/// IVersioned: a save over someone else's newer save is refused with what they saved.
/// </summary>
public sealed class UnitDesk(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    private const int HonourYearMin = 1949;

    public async Task<IReadOnlyList<UnitRow>> ListAsync(string? text, UnitKind? kind, CancellationToken cancellationToken = default)
    {
        var query = db.Units.AsQueryable();
        if (FieldErrors.Clean(text) is { } q)
        {
            query = query.Where(u => u.Name.Contains(q) || u.ShortName.Contains(q) || u.Slug.Contains(q));
        }
        if (kind is { } k)
        {
            query = query.Where(u => u.Kind == k);
        }
        return await query.OrderBy(u => u.Kind).ThenBy(u => u.Name)
            .Select(u => new UnitRow(u.Id, u.Slug, u.Name, u.ShortName, u.Kind, u.IndustrySystem, u.Articles.Count, u.UpdatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<UnitEditing?> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        var unit = await db.Units.Include(u => u.Honours).FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
        return unit is null ? null : new UnitEditing(UnitInput.From(unit), await StoryCountAsync(id, cancellationToken).ConfigureAwait(false));
    }

    public Task<int> StoryCountAsync(int id, CancellationToken cancellationToken = default) =>
        db.ArticleUnits.CountAsync(a => a.UnitId == id, cancellationToken);

    public async Task<UnitSaveResult> CreateAsync(UnitInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var errors = await ValidateAsync(input, null, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, Errors: errors);
        }
        var unit = new Unit { Slug = string.Empty, Name = string.Empty, ShortName = string.Empty };
        Apply(unit, input);
        db.Units.Add(unit);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            audit.Record(user.Actor, "unit.create", "Unit", unit.Id, unit.Name);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, unit.Id, Message: $"已新建单位“{unit.Name}”。");
    }

    public async Task<UnitSaveResult> UpdateAsync(int id, UnitInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var unit = await db.Units.AsTracking().Include(u => u.Honours).FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
        if (unit is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (unit.Version != input.Version)
        {
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        var errors = await ValidateAsync(input, id, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, errors);
        }
        var before = UnitInput.From(unit);
        // The Version the editor loaded is the one the UPDATE must still find.
        db.Entry(unit).Property(u => u.Version).OriginalValue = input.Version;
        Apply(unit, input);
        // Always an UPDATE with the Version check, even when only honours changed, so the token renews.
        db.Entry(unit).Property(u => u.UpdatedAt).IsModified = true;
        audit.Record(user.Actor, "unit.update", "Unit", id, Changes(before, UnitInput.From(unit)));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: "单位资料已保存。");
    }

    public async Task<UnitSaveResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var unit = await db.Units.AsTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
        if (unit is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var stories = await StoryCountAsync(id, cancellationToken).ConfigureAwait(false);
        if (stories > 0)
        {
            return new(SaveOutcome.Refused, id, Message: $"“{unit.Name}”仍被 {stories} 篇稿件引用，不能删除。请先在这些稿件中移除该单位。");
        }
        var accounts = await db.Users.CountAsync(u => u.UnitId == id, cancellationToken).ConfigureAwait(false);
        if (accounts > 0)
        {
            return new(SaveOutcome.Refused, id, Message: $"“{unit.Name}”下还有 {accounts} 个通讯员账号，不能删除。请先在“账号”中更改他们的单位。");
        }
        db.Units.Remove(unit);
        audit.Record(user.Actor, "unit.delete", "Unit", id, unit.Name);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, Message: $"已删除单位“{unit.Name}”。");
    }

    /// <summary>
    /// Someone saved the unit after this editor loaded it. Nothing is written: the result carries what is
    /// saved now (with its Version, so saving again is a deliberate choice made with both versions in view).
    /// </summary>
    private async Task<UnitSaveResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var saved = await db.Units.Include(u => u.Honours).FirstAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
        var by = await db.AuditEntries.LastActorAsync("Unit", id, cancellationToken).ConfigureAwait(false);
        var errors = FieldErrors.Conflict("这个单位");
        return new(SaveOutcome.Conflict, id, errors, Saved: UnitInput.From(saved), SavedBy: by);
    }

    private async Task<FieldErrors> ValidateAsync(UnitInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var slug = Slugs.Normalize(input.Slug);
        if (!Slugs.IsValid(slug))
        {
            errors.Add(nameof(input.Slug), Slugs.Rule);
        }
        else if (await db.Units.AnyAsync(u => u.Slug == slug && u.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.Slug), "这个网址名已被另一个单位使用。");
        }
        errors.Require(nameof(input.Name), input.Name, "单位全称", 100);
        errors.Require(nameof(input.ShortName), input.ShortName, "简称", 50);
        errors.MaxLength(nameof(input.IndustrySystem), input.IndustrySystem, "行业系统", 50);
        errors.MaxLength(nameof(input.Address), input.Address, "地址", 200);
        errors.MaxLength(nameof(input.Description), input.Description, "简介", 20_000);
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(nameof(input.Kind), "请选择单位类型。");
        }
        var maxYear = clock.GetUtcNow().Year + 1;
        for (var i = 0; i < input.Honours.Count; i++)
        {
            var h = input.Honours[i];
            var title = FieldErrors.Clean(h.Title);
            if (title is null && h.Year is null)
            {
                continue;
            }
            var key = string.Create(CultureInfo.InvariantCulture, $"Honours[{i}]");
            if (title is null)
            {
                errors.Add(key, $"第 {i + 1} 行荣誉：请填写荣誉名称，或把年份也清空。");
            }
            else if (title.Length > 200)
            {
                errors.Add(key, $"第 {i + 1} 行荣誉：名称不超过 200 字。");
            }
            if (h.Year is not { } year || year < HonourYearMin || year > maxYear)
            {
                errors.Add(key, $"第 {i + 1} 行荣誉：请填写 {HonourYearMin}–{maxYear} 之间的年份。");
            }
        }
        return errors;
    }

    private static void Apply(Unit unit, UnitInput input)
    {
        unit.Slug = Slugs.Normalize(input.Slug);
        unit.Name = input.Name!.Trim();
        unit.ShortName = input.ShortName!.Trim();
        unit.Kind = input.Kind;
        unit.IndustrySystem = FieldErrors.Clean(input.IndustrySystem);
        unit.Address = FieldErrors.Clean(input.Address);
        unit.Description = FieldErrors.Clean(input.Description)?.Replace("\r\n", "\n", StringComparison.Ordinal);
        var honours = input.Honours
            .Where(h => FieldErrors.Clean(h.Title) is not null && h.Year is not null)
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

    /// <summary>The labels of the fields a save changed, for the audit entry.</summary>
    private static string Changes(UnitInput before, UnitInput after)
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
