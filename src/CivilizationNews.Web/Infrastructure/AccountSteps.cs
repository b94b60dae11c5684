using System.Security.Claims;
using CivilizationNews.Core.Accounts;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Marks the admin actions a member may use while a step of their account is pending: the password page
/// (after an administrator set the password) and two-factor enrolment (an administrator without it).
/// Every other admin action redirects to the pending step (AdminController).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowedDuringAccountStepAttribute : Attribute;

public static class AccountSteps
{
    public const string PasswordPath = "/admin/me/password";
    public const string TwoFactorPath = "/admin/me/two-factor";

    /// <summary>Where the member must go first, or null when nothing is pending.</summary>
    public static string? Pending(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        if (user.HasClaim(c => c.Type == NewsClaims.MustChangePassword))
        {
            return PasswordPath;
        }
        if (user.IsInRole(NewsRoles.Admin) && !user.HasClaim(c => c.Type == NewsClaims.TwoFactorEnabled))
        {
            return TwoFactorPath;
        }
        return null;
    }
}
