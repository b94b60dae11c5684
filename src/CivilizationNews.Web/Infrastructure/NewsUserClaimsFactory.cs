using System.Globalization;
using System.Security.Claims;
using CivilizationNews.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Adds the display name, unit, contributor and the pending account steps (AccountSteps) to the sign-in
/// cookie so pages need no user look-up. Rebuilt at every security-stamp check, so it follows the database.
/// </summary>
public sealed class NewsUserClaimsFactory(UserManager<NewsUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<NewsUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(NewsUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(NewsClaims.DisplayName, user.DisplayName));
        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(NewsClaims.UnitId, unit.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.ContributorId is { } contributor)
        {
            identity.AddClaim(new Claim(NewsClaims.ContributorId, contributor.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(NewsClaims.MustChangePassword, "1"));
        }
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(NewsClaims.TwoFactorEnabled, "1"));
        }
        return identity;
    }
}
