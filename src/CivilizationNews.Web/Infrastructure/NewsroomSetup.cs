using System.Security.Claims;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Identity;

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

    public static void AddNewsroom(this WebApplicationBuilder builder)
    {
        // Sign-in and form cookies are Secure on every HTTPS request — direct, or through a TLS-terminating
        // proxy (forwarded headers). Outside Development every request from another machine is HTTPS:
        // plain HTTP is redirected before any cookie is set (SecurityHeaders.UseHttpsOutsideLoopback).
        // Only loopback may use plain HTTP — a local `dotnet run` at http://localhost:5080 — where
        // antiforgery refuses to run at all if its cookie is forced Secure.
        var secure = CookieSecurePolicy.SameAsRequest;
        builder.Services.AddIdentity<NewsUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<NewsDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<NewsUserClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/admin/account/login";
            o.LogoutPath = "/admin/account/logout";
            o.AccessDeniedPath = "/admin/account/denied";
            o.Cookie.Name = "cn.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // A signed-in member without the right gets a plain 403 (the Chinese status page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
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
}
