using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Auditing;

/// <summary>Reads of the audit trail that the admin services share.</summary>
public static class AuditQueries
{
    /// <summary>
    /// The name of whoever last recorded an action on the item, or null: shown beside a refused stale save
    /// ("目前已保存的版本（最近由 … 修改）").
    /// </summary>
    public static Task<string?> LastActorAsync(this IQueryable<AuditEntry> entries, string entityType, int id, CancellationToken cancellationToken = default)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        return entries.Where(a => a.EntityType == entityType && a.EntityId == key)
            .OrderByDescending(a => a.Id).Select(a => a.UserName).FirstOrDefaultAsync(cancellationToken);
    }
}
