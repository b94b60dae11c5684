using Microsoft.AspNetCore.Identity;

namespace CivilizationNews.Core.Accounts;

/// <summary>
/// The account rules the app and the Core tests share: passwords of at least 12 characters with no
/// composition rules (ASVS 2.1.1, 2.1.9) but not on the common-password list, lockout after 5 failures.
/// </summary>
public static class NewsIdentity
{
    public const int MinimumPasswordLength = 12;

    /// <summary>Where the app keeps its own values in Identity's user-token table (AspNetUserTokens).</summary>
    public const string TokenProvider = "[CivilizationNews]";

    /// <summary>The authenticator (TOTP) codes for two-factor sign-in have this many digits.</summary>
    public const int AuthenticatorCodeLength = 6;

    public static void Configure(IdentityOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Password.RequiredLength = MinimumPasswordLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
        o.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
    }

    /// <summary>The user store, the common-password check and the single-use authenticator codes, on top of Identity's defaults.</summary>
    public static IdentityBuilder AddNewsAccountRules(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            // After AddEntityFrameworkStores: replaces its user store (token rows must be tracked to be updated).
            .AddUserStore<NewsUserStore>()
            .AddPasswordValidator<CommonPasswordValidator>()
            // Registered after AddDefaultTokenProviders, so it replaces Identity's authenticator provider.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
    }
}
