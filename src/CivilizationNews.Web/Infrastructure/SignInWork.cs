using System.Security.Cryptography;
using CivilizationNews.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// The password check a sign-in does when there is no password to check: an unknown email, or an account
/// that is locked (Identity refuses those before hashing). Verifying the typed password against a hash
/// made with the same hasher and settings costs what a real check costs, so the time of the answer does
/// not tell which accounts exist or are locked (ASVS 2.2.1, 3.x user enumeration).
/// </summary>
public sealed class SignInWork(IPasswordHasher<NewsUser> hasher)
{
    private static readonly NewsUser Nobody = new() { DisplayName = string.Empty };

    /// <summary>Made once per process with the app's hasher, so it carries the hasher's format and iteration count.</summary>
    private static string? _hash;

    public void VerifyAgainstNothing(string password)
    {
        var hash = _hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
