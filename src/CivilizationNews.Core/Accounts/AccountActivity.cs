using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace CivilizationNews.Core.Accounts;

/// <summary>
/// The audit records of signing in and out. The cookie sign-in itself is the web app's (SignInManager);
/// this records what happened, each in its own save.
/// </summary>
public sealed class AccountActivity(NewsDbContext db, UserManager<NewsUser> users, AuditLog audit)
{
    public async Task SignedInAsync(string email, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email).ConfigureAwait(false);
        audit.Record(new AuditActor(user?.Id, user?.DisplayName ?? email, ipAddress), "account.sign-in", "User", user?.Id);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Repeated failed sign-ins locked the account: recorded under the address typed, as nobody is signed in.</summary>
    public async Task LockedOutAsync(string email, string? ipAddress, CancellationToken cancellationToken = default)
    {
        audit.Record(new AuditActor(null, email, ipAddress), "account.locked-out", "User", null, email);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the sign-out and renews the security stamp, so a copy of this session's cookie (and any other
    /// session of the user) is refused at its next stamp check instead of living on until it expires.
    /// </summary>
    public async Task SignedOutAsync(NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.FindByIdAsync(user.Id).ConfigureAwait(false) is { } account)
        {
            await users.UpdateSecurityStampAsync(account).ConfigureAwait(false);
        }
        audit.Record(user.Actor, "account.sign-out", "User", user.Id);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
