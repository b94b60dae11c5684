namespace CivilizationNews.Core.Accounts;

/// <summary>
/// The one-time token that lets the first administrator create an account. Only its SHA-256 hash
/// is stored; it lives in the database so any instance can honour it.
/// </summary>
public class SetupToken
{
    public int Id { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
