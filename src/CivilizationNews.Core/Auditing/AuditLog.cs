using CivilizationNews.Core.Data;

namespace CivilizationNews.Core.Auditing;

/// <summary>Adds audit entries to the current unit of work, so they commit with the change they describe.</summary>
public sealed class AuditLog(NewsDbContext db, TimeProvider clock)
{
    public void Record(AuditActor actor, string action, string? entityType = null, object? entityId = null, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Details = details is { Length: > 2000 } ? details[..2000] : details,
            IpAddress = actor.IpAddress,
        });
}

/// <summary>Who acts: a signed-in user, or the system (the scheduler).</summary>
public sealed record AuditActor(string? UserId, string Name, string? IpAddress = null)
{
    public static AuditActor System { get; } = new(null, "系统");
}
