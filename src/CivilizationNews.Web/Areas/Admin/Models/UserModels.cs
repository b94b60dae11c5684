using CivilizationNews.Core.Accounts;

namespace CivilizationNews.Web.Areas.Admin.Models;

public sealed record UserCreatePage(NewUserInput Form, UserChoices Choices);

public sealed record UserEditPage(UserAccount Account, UserEditInput Form, UserChoices Choices);

/// <summary>
/// The model of the _AccountFields partial: the fields both account forms share, at the top level so
/// that asp-for names them as <see cref="UserInput"/> binds them (Email, Roles, …), the choices, and on
/// the edit form the concurrency stamp the account was loaded with.
/// </summary>
public sealed record AccountFields(
    string? Email, string? DisplayName, IReadOnlyList<string> Roles, int? UnitId, int? ContributorId, UserChoices Choices, string? ConcurrencyStamp)
{
    public static AccountFields Of(UserInput input, UserChoices choices)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.Email, input.DisplayName, input.Roles, input.UnitId, input.ContributorId, choices, (input as UserEditInput)?.ConcurrencyStamp);
    }
}
