namespace CivilizationNews.Core.Auditing;

/// <summary>One editorial or account action: who did what to which item, when.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary>A stable action name such as article.publish or user.create.</summary>
    public required string Action { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}
