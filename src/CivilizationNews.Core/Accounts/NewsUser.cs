using Microsoft.AspNetCore.Identity;

namespace CivilizationNews.Core.Accounts;

/// <summary>A newsroom account. Readers have none.</summary>
public class NewsUser : IdentityUser
{
    public required string DisplayName { get; set; }
    /// <summary>For correspondents (通讯员): the unit they write for.</summary>
    public int? UnitId { get; set; }
    /// <summary>The contributor record credited when this user writes.</summary>
    public int? ContributorId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// An administrator chose the current password (a new account, a reset): the user must replace it
    /// with their own before anything else (<see cref="AccountSecurity.ChangePasswordAsync"/> clears it).
    /// </summary>
    public bool MustChangePassword { get; set; }
}
