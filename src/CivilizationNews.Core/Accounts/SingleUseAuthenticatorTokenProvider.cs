using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace CivilizationNews.Core.Accounts;

/// <summary>
/// Identity's authenticator (TOTP, RFC 6238) check, plus: a code that was accepted once is refused for as
/// long as Identity would still accept it (ASVS 2.8.4). Identity accepts a code for two 30-second steps
/// either side of now, so the codes used in the last five minutes are kept in the user's token row.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider : AuthenticatorTokenProvider<NewsUser>
{
    private const string UsedCodes = "UsedAuthenticatorCodes";
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<NewsUser> manager, NewsUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        token = token?.Trim() ?? string.Empty;
        if (token.Length != NewsIdentity.AuthenticatorCodeLength || !await base.ValidateAsync(purpose, token, manager, user).ConfigureAwait(false))
        {
            return false;
        }
        // Identity's check reads the machine's clock, not TimeProvider; the memory of used codes must agree with it.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var used = Parse(await manager.GetAuthenticationTokenAsync(user, NewsIdentity.TokenProvider, UsedCodes).ConfigureAwait(false))
            .Where(u => now - u.At < Remember.TotalSeconds).ToList();
        if (used.Any(u => u.Code == token))
        {
            return false;
        }
        used.Add((token, now));
        var result = await manager.SetAuthenticationTokenAsync(user, NewsIdentity.TokenProvider, UsedCodes,
            string.Join(';', used.Select(u => u.Code + "@" + u.At.ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
        return result.Succeeded;
    }

    private static IEnumerable<(string Code, long At)> Parse(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('@'))
            .Where(p => p.Length == 2 && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(p => (p[0], long.Parse(p[1], CultureInfo.InvariantCulture)));
}
