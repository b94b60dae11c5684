using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Accounts;

/// <summary>
/// Identity's EF user store on a context that does not track queries by default (DatabaseSetup). Identity
/// changes a stored token (the authenticator key, the recovery codes, the used authenticator codes) by
/// setting the value of the row it found, which only saves if that row is tracked: without this, a redeemed
/// recovery code or a used authenticator code would quietly stay valid.
/// </summary>
public sealed class NewsUserStore(NewsDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<NewsUser, IdentityRole, NewsDbContext>(context, describer)
{
    protected override Task<IdentityUserToken<string>?> FindTokenAsync(NewsUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Context.Set<IdentityUserToken<string>>().AsTracking()
            .SingleOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == loginProvider && t.Name == name, cancellationToken);
    }
}
