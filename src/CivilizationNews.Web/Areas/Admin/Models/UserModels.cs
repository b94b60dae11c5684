namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>A new account. The administrator types the initial password; there is no generated default.</summary>
public sealed class UserCreateForm
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public int? UnitId { get; set; }
    public int? ContributorId { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}

public sealed class UserEditForm
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public int? UnitId { get; set; }
    public int? ContributorId { get; set; }
    /// <summary>Identity's concurrency stamp as loaded: a save over someone else's change is refused.</summary>
    public string? ConcurrencyStamp { get; set; }
}

public sealed record UserRowView(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? Unit, string? Contributor, bool IsLockedOut, DateTime CreatedAt);

public sealed record UserChoices(IReadOnlyList<string> Roles, IReadOnlyList<ChoiceOption> Units, IReadOnlyList<ChoiceOption> Contributors);

public sealed record UserCreatePage(UserCreateForm Form, UserChoices Choices);

public sealed record UserEditPage(string Id, UserEditForm Form, UserChoices Choices, bool IsLockedOut, DateTimeOffset? LockoutEnd, int FailedCount, bool IsSelf, DateTime CreatedAt);
