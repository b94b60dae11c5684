using CivilizationNews.Core.Validation;

namespace CivilizationNews.Core.Accounts;

/// <summary>
/// The account fields both account forms post. Strings are nullable so that <see cref="UserDesk"/>,
/// not implicit [Required], words the errors.
/// </summary>
public abstract class UserInput
{
    /// <summary>Also the login name.</summary>
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>Role names (<see cref="NewsRoles"/>); names that are not newsroom roles are ignored.</summary>
    public List<string> Roles { get; set; } = [];
    /// <summary>For correspondents: the unit they write for.</summary>
    public int? UnitId { get; set; }
    /// <summary>The contributor credited when this user writes.</summary>
    public int? ContributorId { get; set; }
}

/// <summary>A new account. The administrator types the initial password; there is no generated default.</summary>
public sealed class NewUserInput : UserInput
{
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}

/// <summary>An existing account's profile and roles.</summary>
public sealed class UserEditInput : UserInput
{
    /// <summary>Identity's concurrency stamp as loaded: a save over someone else's change is refused.</summary>
    public string? ConcurrencyStamp { get; set; }
}

/// <summary>A password an administrator sets for a colleague.</summary>
public sealed class PasswordResetInput
{
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}

/// <summary>An account in the admin list.</summary>
public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? Unit, string? Contributor, bool IsLockedOut, DateTime CreatedAt);

/// <summary>One choice of a select: a unit or a contributor.</summary>
public sealed record AccountChoice(int Id, string Label);

/// <summary>What the account forms offer: the roles, the units and the contributors.</summary>
public sealed record UserChoices(IReadOnlyList<string> Roles, IReadOnlyList<AccountChoice> Units, IReadOnlyList<AccountChoice> Contributors);

/// <summary>The state of an account that the edit page shows beside its form.</summary>
public sealed record UserAccount(string Id, string DisplayName, bool IsLockedOut, DateTimeOffset? LockoutEnd, int FailedCount, bool IsSelf, DateTime CreatedAt,
    bool TwoFactorEnabled = false);

/// <summary>An account loaded for editing: its state and the form's values.</summary>
public sealed record UserEditing(UserAccount Account, UserEditInput Input);

/// <summary>
/// How an account change ended. <see cref="SaveOutcome.Refused"/> and <see cref="SaveOutcome.Conflict"/>
/// carry a <see cref="Message"/> to show; <see cref="SaveOutcome.Invalid"/> carries <see cref="Errors"/>.
/// </summary>
public sealed record UserSaveResult(SaveOutcome Outcome, string? Id = null, FieldErrors? Errors = null, string? Message = null);
