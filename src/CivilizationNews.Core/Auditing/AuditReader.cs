using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Auditing;

/// <summary>One entry of the audit log as the admin lists it.</summary>
public sealed record AuditRow(long Id, DateTime At, string UserName, string Action, string? EntityType, string? EntityId, string? Details, string? IpAddress)
{
    /// <summary>The subject as an editor reads it: 稿件 #12, 账号 87d890bd….</summary>
    public string? Subject => EntityType is null ? null : (EntityType switch
    {
        "Article" => "稿件",
        "Unit" => "单位",
        "Section" => "栏目",
        "Tag" => "标签",
        "Contributor" => "作者",
        "Edition" => "期",
        "Feature" => "专题",
        "Media" => "图片",
        "User" => "账号",
        _ => EntityType,
    }) + (EntityId is null ? string.Empty : EntityId.Length > 12 ? $" {EntityId[..8]}…" : $" #{EntityId}");
}

/// <summary>A member the log can be filtered by.</summary>
public sealed record AuditUserOption(string Id, string Label);

/// <summary>
/// One page of the log under a filter. <see cref="Action"/> and <see cref="User"/> are the filter as
/// asked (trimmed; null when blank), also when a value too long to name anything was not applied.
/// </summary>
public sealed record AuditListing(PagedList<AuditRow> Rows, string? Action, string? User, IReadOnlyList<AuditUserOption> Users);

/// <summary>操作日志: editorial and account actions, newest first, filtered by action prefix and by user.</summary>
public sealed class AuditReader(NewsDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The value of the user filter that selects entries made by the system (the scheduler).</summary>
    public const string SystemUser = "system";

    public const int MaxActionLength = 64;

    private const int MaxUserIdLength = 450;

    public async Task<AuditListing> ListAsync(string? actionPrefix, string? user, int page, CancellationToken cancellationToken = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        var prefix = FieldErrors.Clean(actionPrefix);
        if (prefix is { Length: <= MaxActionLength })
        {
            query = query.Where(e => e.Action.StartsWith(prefix));
        }
        var who = FieldErrors.Clean(user);
        if (who == SystemUser)
        {
            query = query.Where(e => e.UserId == null && e.UserName == AuditActor.System.Name);
        }
        else if (who is { Length: <= MaxUserIdLength })
        {
            query = query.Where(e => e.UserId == who);
        }
        var rows = await query.OrderByDescending(e => e.Id)
            .Select(e => new AuditRow(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Details, e.IpAddress))
            .ToPagedListAsync(Math.Max(1, page), PageSize, cancellationToken).ConfigureAwait(false);
        var users = await db.Users.OrderBy(u => u.DisplayName).Select(u => new AuditUserOption(u.Id, u.DisplayName + "（" + u.Email + "）"))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AuditListing(rows, prefix, who, users);
    }
}
