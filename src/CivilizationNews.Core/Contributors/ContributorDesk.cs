using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Saving;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Contributors;

/// <summary>How a contributor save ended. After a <see cref="SaveOutcome.Conflict"/>, <see cref="Saved"/> is what is in the database now.</summary>
public sealed record ContributorSaveResult(SaveOutcome Outcome, int Id = 0, FieldErrors? Errors = null, string? Message = null,
    ContributorInput? Saved = null, string? SavedBy = null);

/// <summary>
/// 作者: writes the people credited on stories and photos — validation, the transaction, the audit record
/// and the rule that a contributor still credited anywhere (stories, photos, feature bylines, accounts)
/// cannot be deleted. A contributor is IVersioned: a save over someone else's newer save is refused.
/// </summary>
public sealed class ContributorDesk(NewsDbContext db, AuditLog audit)
{
    public async Task<IReadOnlyList<ContributorRow>> ListAsync(string? text, CancellationToken cancellationToken = default)
    {
        var query = db.Contributors.AsQueryable();
        if (FieldErrors.Clean(text) is { } q)
        {
            query = query.Where(c => c.Name.Contains(q) || c.Slug.Contains(q) || (c.Organisation != null && c.Organisation.Contains(q)));
        }
        return await query.OrderBy(c => c.Name)
            .Select(c => new ContributorRow(c.Id, c.Slug, c.Name, c.UsualRole, c.Organisation, c.Credits.Count,
                db.Media.Count(m => m.CreditContributorId == c.Id)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The byline lookup: contributors whose name (or organisation) contains <paramref name="text"/>, names that
    /// start with it first, at most <paramref name="take"/>. Empty text finds nothing.
    /// </summary>
    public async Task<IReadOnlyList<ContributorChoice>> LookupAsync(string? text, int take = 10, CancellationToken cancellationToken = default)
    {
        if (FieldErrors.Clean(text) is not { } q)
        {
            return [];
        }
        if (q.Length > 50)
        {
            q = q[..50];
        }
        return await db.Contributors
            .Where(c => c.Name.Contains(q) || (c.Organisation != null && c.Organisation.Contains(q)))
            .OrderBy(c => c.Name.StartsWith(q) ? 0 : c.Name.Contains(q) ? 1 : 2).ThenBy(c => c.Name.Length).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .Take(Math.Clamp(take, 1, 50))
            .Select(c => new ContributorChoice(c.Id, c.Name, c.Organisation, c.UsualRole))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ContributorEditing?> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        var contributor = await db.Contributors.FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        return contributor is null ? null : new ContributorEditing(ContributorInput.From(contributor), await CreditCountAsync(id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>How many stories credit the contributor.</summary>
    public Task<int> CreditCountAsync(int id, CancellationToken cancellationToken = default) =>
        db.ArticleCredits.CountAsync(c => c.ContributorId == id, cancellationToken);

    public async Task<ContributorSaveResult> CreateAsync(ContributorInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var errors = await ValidateAsync(input, null, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, Errors: errors);
        }
        var contributor = new Contributor { Slug = string.Empty, Name = string.Empty };
        Apply(contributor, input);
        db.Contributors.Add(contributor);
        var transaction = await JoinedTransaction.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            audit.Record(user.Actor, "contributor.create", "Contributor", contributor.Id, contributor.Name);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, contributor.Id, Message: $"已新建作者“{contributor.Name}”。");
    }

    public async Task<ContributorSaveResult> UpdateAsync(int id, ContributorInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var contributor = await db.Contributors.AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (contributor is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (contributor.Version != input.Version)
        {
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        var errors = await ValidateAsync(input, id, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, errors);
        }
        // The Version the editor loaded is the one the UPDATE must still find.
        db.Entry(contributor).Property(c => c.Version).OriginalValue = input.Version;
        Apply(contributor, input);
        db.Entry(contributor).Property(c => c.UpdatedAt).IsModified = true;
        audit.Record(user.Actor, "contributor.update", "Contributor", id, contributor.Name);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: $"作者“{contributor.Name}”已保存。");
    }

    public async Task<ContributorSaveResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var contributor = await db.Contributors.AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (contributor is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var uses = new List<string>();
        void Use(int count, string what)
        {
            if (count > 0)
            {
                uses.Add($"{count} {what}");
            }
        }
        Use(await CreditCountAsync(id, cancellationToken).ConfigureAwait(false), "篇稿件的署名");
        Use(await db.Media.CountAsync(m => m.CreditContributorId == id, cancellationToken).ConfigureAwait(false), "张图片的署名");
        Use(await db.FeatureBylines.CountAsync(b => b.ContributorId == id, cancellationToken).ConfigureAwait(false), "个专题的版面署名");
        Use(await db.Users.CountAsync(u => u.ContributorId == id, cancellationToken).ConfigureAwait(false), "个账号");
        if (uses.Count > 0)
        {
            return new(SaveOutcome.Refused, id, Message: $"作者“{contributor.Name}”仍用于{string.Join("、", uses)}，不能删除。");
        }
        db.Contributors.Remove(contributor);
        audit.Record(user.Actor, "contributor.delete", "Contributor", id, contributor.Name);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, Message: $"已删除作者“{contributor.Name}”。");
    }

    /// <summary>Someone saved the contributor after this editor loaded it: nothing is written, the result carries what is saved now.</summary>
    private async Task<ContributorSaveResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var saved = await db.Contributors.FirstAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        var by = await db.AuditEntries.LastActorAsync("Contributor", id, cancellationToken).ConfigureAwait(false);
        var errors = FieldErrors.Conflict("这位作者的资料");
        return new(SaveOutcome.Conflict, id, errors, Saved: ContributorInput.From(saved), SavedBy: by);
    }

    private async Task<FieldErrors> ValidateAsync(ContributorInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var slug = Slugs.Normalize(input.Slug);
        if (!Slugs.IsValid(slug))
        {
            errors.Add(nameof(input.Slug), Slugs.Rule);
        }
        else if (await db.Contributors.AnyAsync(c => c.Slug == slug && c.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.Slug), "这个网址名已被另一位作者使用。");
        }
        errors.Require(nameof(input.Name), input.Name, "姓名", 50);
        errors.MaxLength(nameof(input.Organisation), input.Organisation, "所在单位", 100);
        if (!Enum.IsDefined(input.UsualRole))
        {
            errors.Add(nameof(input.UsualRole), "请选择常用身份。");
        }
        return errors;
    }

    private static void Apply(Contributor contributor, ContributorInput input)
    {
        contributor.Slug = Slugs.Normalize(input.Slug);
        contributor.Name = input.Name!.Trim();
        contributor.UsualRole = input.UsualRole;
        contributor.Organisation = FieldErrors.Clean(input.Organisation);
    }
}
