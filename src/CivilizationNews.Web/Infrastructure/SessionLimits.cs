using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// How long a newsroom session lives (ASVS 3.3): it ends after 30 minutes without a request, 12 hours
/// after the password was typed whatever happens, and within a minute of the account's security stamp
/// changing (demoted, locked, password reset, signed out elsewhere).
/// </summary>
public static class SessionLimits
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan StampCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>The sign-in time, kept in the ticket's properties: sliding renewals and stamp refreshes carry it over.</summary>
    public const string SignedInAtKey = "cn.signed-in-at";

    /// <summary>Notes when the password was typed; a refreshed sign-in (new roles, new password) keeps the original time.</summary>
    public static Task StampSignInTime(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Properties.Items.ContainsKey(SignedInAtKey))
        {
            context.Properties.Items[SignedInAtKey] = Now(context.Options).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }
        return Task.CompletedTask;
    }

    /// <summary>Refuses a session past its absolute lifetime, then lets Identity check the security stamp.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var value)
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Now(context.Options) - DateTimeOffset.FromUnixTimeSeconds(seconds) > AbsoluteLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static DateTimeOffset Now(CookieAuthenticationOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
}
