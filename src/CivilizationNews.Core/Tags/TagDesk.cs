using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tags;

/// <summary>How a tag change ended; <see cref="Message"/> is the Chinese sentence the list page shows either way.</summary>
public sealed record TagSaveResult(SaveOutcome Outcome, int Id = 0, FieldErrors? Errors = null, string? Message = null);

/// <summary>
/// 标签: renames, merges and deletes the free tags stories carry — validation, the transaction, the audit
/// record and the rules (a name is unique and usable in the address /tag/名称; a tag still on a story
/// cannot be deleted, only merged).
/// </summary>
public sealed class TagDesk(NewsDbContext db, AuditLog audit)
{
    public const int PageSize = 100;

    public async Task<TagListing> ListAsync(string? text, int page, CancellationToken cancellationToken = default)
    {
        var query = db.Tags.AsQueryable();
        if (FieldErrors.Clean(text) is { } q)
        {
            query = query.Where(t => t.Name.Contains(q));
        }
        var rows = await query.OrderByDescending(t => t.Articles.Count).ThenBy(t => t.Name)
            .Select(t => new TagRow(t.Id, t.Name, t.Articles.Count))
            .ToPagedListAsync(page, PageSize, cancellationToken).ConfigureAwait(false);
        var all = await db.Tags.OrderBy(t => t.Name).Select(t => new TagChoice(t.Id, t.Name)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new TagListing(rows, all);
    }

    public async Task<TagSaveResult> RenameAsync(int id, TagRenameInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var tag = await db.Tags.AsTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (tag is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var name = FieldErrors.Clean(input.Name);
        if (NameError(name) is { } error)
        {
            return Invalid(id, nameof(input.Name), error);
        }
        if (name == tag.Name)
        {
            return new(SaveOutcome.Saved, id, Message: "标签名没有变化。");
        }
        if (await db.Tags.AnyAsync(t => t.Name == name && t.Id != id, cancellationToken).ConfigureAwait(false))
        {
            return Invalid(id, nameof(input.Name), $"已有名为“{name}”的标签。如要把两个标签并为一个，请使用“合并标签”。");
        }
        var old = tag.Name;
        tag.Name = name!;
        audit.Record(user.Actor, "tag.rename", "Tag", id, $"{old} → {name}");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, Message: $"已把标签“{old}”改名为“{name}”。");
    }

    /// <summary>Moves every story of the source tag to the target tag (once), then deletes the source, in one transaction.</summary>
    public async Task<TagSaveResult> MergeAsync(TagMergeInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        if (input.SourceId is { } s && s == input.TargetId)
        {
            return Invalid(0, nameof(input.TargetId), "请选择两个不同的标签。");
        }
        var source = input.SourceId is { } sourceId
            ? await db.Tags.AsTracking().Include(t => t.Articles).FirstOrDefaultAsync(t => t.Id == sourceId, cancellationToken).ConfigureAwait(false)
            : null;
        var target = input.TargetId is { } targetId
            ? await db.Tags.AsTracking().FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken).ConfigureAwait(false)
            : null;
        if (source is null || target is null)
        {
            return Invalid(0, source is null ? nameof(input.SourceId) : nameof(input.TargetId), "请选择要合并的两个标签。");
        }
        var already = await db.ArticleTags.Where(a => a.TagId == target.Id).Select(a => a.ArticleId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var moved = source.Articles.Select(a => a.ArticleId).Except(already).ToList();
        foreach (var articleId in moved)
        {
            db.ArticleTags.Add(new ArticleTag { ArticleId = articleId, TagId = target.Id });
        }
        db.Tags.Remove(source);
        audit.Record(user.Actor, "tag.merge", "Tag", target.Id, $"“{source.Name}”并入“{target.Name}”，{moved.Count} 篇稿件");
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, target.Id, Message: $"已把“{source.Name}”并入“{target.Name}”（{moved.Count} 篇稿件改用“{target.Name}”）。");
    }

    public async Task<TagSaveResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tag = await db.Tags.AsTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (tag is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var stories = await db.ArticleTags.CountAsync(a => a.TagId == id, cancellationToken).ConfigureAwait(false);
        if (stories > 0)
        {
            return new(SaveOutcome.Refused, id, Message: $"标签“{tag.Name}”仍用于 {stories} 篇稿件，不能删除。可以把它合并到另一个标签。");
        }
        db.Tags.Remove(tag);
        audit.Record(user.Actor, "tag.delete", "Tag", id, tag.Name);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, Message: $"已删除标签“{tag.Name}”。");
    }

    /// <summary>Tag names are part of the public address /tag/名称, so characters that would break it are refused.</summary>
    private static string? NameError(string? name) =>
        name is null ? "请填写标签名。"
        : name.Length > 50 ? "标签名不超过 50 字。"
        : name.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0 ? "标签名不能包含 / \\ ? # % 等符号。"
        : null;

    private static TagSaveResult Invalid(int id, string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return new(SaveOutcome.Invalid, id, errors, message);
    }
}
