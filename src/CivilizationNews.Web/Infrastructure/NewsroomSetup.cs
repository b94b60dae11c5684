using System.Security.Claims;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>Identity, the newsroom authorization policies and the newsroom services.</summary>
public static class NewsroomSetup
{
    /// <summary>Any newsroom member.</summary>
    public const string NewsroomPolicy = "Newsroom";
    /// <summary>Approve, schedule, publish; manage sections, units, editions, features.</summary>
    public const string EditorPolicy = "Editor";
    /// <summary>Users and settings.</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>
    /// The authentication middleware, for the requests that carry the sign-in cookie only (looked up through the
    /// cookie's own manager, so its <c>__Host-</c> name and chunked cookies count). Without that cookie the cookie
    /// handler has nothing to read and the user stays anonymous, just as if it had run; skipping it spares about a
    /// tenth of a cached page's CPU (docs/performance.md). The output cache, after this, still never serves or stores
    /// a signed-in request. The second-factor cookie is read by the sign-in manager itself, not by this middleware.
    /// </summary>
    public static void UseNewsroomAuthentication(this WebApplication app)
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var manager = cookie.CookieManager;
        var name = cookie.Cookie.Name!;
        app.UseWhen(context => manager.GetRequestCookie(context, name) is not null, signedIn => signedIn.UseAuthentication());
        // WebApplication puts UseAuthentication() in front of the whole pipeline when the app has not called it, and a
        // branch's call is not seen from the app: the marker UseAuthentication() sets is set here as well.
        // AuthenticationPipelineTests fail if authentication runs for a request without the cookie.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
    }

    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static void AddNewsroom(this WebApplicationBuilder builder)
    {
        // Sign-in and form cookies are Secure on every HTTPS request — direct, or through a TLS-terminating
        // proxy (forwarded headers). Outside Development every request from another machine is HTTPS:
        // plain HTTP is redirected before any cookie is set (SecurityHeaders.UseHttpsOutsideLoopback).
        // Only loopback may use plain HTTP — a local `dotnet run` at http://localhost:5080 — where
        // antiforgery refuses to run at all if its cookie is forced Secure.
        var secure = CookieSecurePolicy.SameAsRequest;
        builder.Services.AddIdentity<NewsUser, IdentityRole>(NewsIdentity.Configure)
            .AddEntityFrameworkStores<NewsDbContext>()
            .AddDefaultTokenProviders()
            .AddNewsAccountRules()
            .AddClaimsPrincipalFactory<NewsUserClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        // Demoting, locking, resetting or signing out renews the user's security stamp; every session
        // compares its stamp with the database at most this long after its last check (ASVS 3.3.x).
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SessionLimits.StampCheckInterval);

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/admin/account/login";
            o.LogoutPath = "/admin/account/logout";
            o.AccessDeniedPath = "/admin/account/denied";
            o.Cookie.Name = "cn.auth";
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            // `__Host-cn.auth` on HTTPS: bound to this host and path, never set by a sibling domain or over HTTP.
            o.CookieManager = new HostPrefixCookieManager();
            // Idle timeout: the cookie lapses 30 minutes after the last renewal (sliding, renewed past half-time).
            o.ExpireTimeSpan = SessionLimits.IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = SessionLimits.StampSignInTime;
            o.Events.OnValidatePrincipal = SessionLimits.ValidateAsync;
            // A signed-in member without the right gets a plain 403 (the Chinese status page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // Between the password and the authenticator code: which user is signing in, for five minutes.
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "cn.2fa";
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.CookieManager = new HostPrefixCookieManager();
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        builder.Services.AddScoped<SignInWork>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cn.af";
            o.Cookie.SecurePolicy = secure;
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(NewsroomPolicy, p => p.RequireAuthenticatedUser().RequireRole(NewsRoles.All))
            .AddPolicy(EditorPolicy, p => p.RequireAuthenticatedUser().RequireRole(NewsRoles.Editor, NewsRoles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(NewsRoles.Admin));

        builder.Services.AddScoped<FirstAdministrator>();
    }

    /// <summary>The newsroom member behind a request's principal, with unit and contributor from the user's claims.</summary>
    public static NewsroomUser ToNewsroomUser(this ClaimsPrincipal principal, string? ipAddress = null)
    {
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new NewsroomUser(
            principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            principal.FindFirstValue(NewsClaims.DisplayName) ?? principal.Identity?.Name ?? "?",
            roles,
            int.TryParse(principal.FindFirstValue(NewsClaims.UnitId), System.Globalization.CultureInfo.InvariantCulture, out var unit) ? unit : null,
            int.TryParse(principal.FindFirstValue(NewsClaims.ContributorId), System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : null,
            ipAddress);
    }
}

public static class NewsClaims
{
    public const string DisplayName = "cn:name";
    public const string UnitId = "cn:unit";
    public const string ContributorId = "cn:contributor";
    /// <summary>An administrator set the password: nothing but the password page until the user changes it.</summary>
    public const string MustChangePassword = "cn:must-change-password";
    /// <summary>Two-factor sign-in is on for the account (管理员 must have it before anything else).</summary>
    public const string TwoFactorEnabled = "cn:2fa";
}
