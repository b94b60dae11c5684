namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Security headers on every response. Scripts and styles come only from the site's own files
/// (no inline script or style anywhere, so no 'unsafe-inline'); JSON-LD data blocks are not
/// executed and need no allowance. The admin area may not be framed at all.
/// </summary>
public static class SecurityHeaders
{
    private const string Common =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ";

    public const string PublicPolicy = Common + "frame-ancestors 'self'";
    public const string AdminPolicy = Common + "frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()";

    /// <summary>
    /// Outside Development, a plain-HTTP request from another machine is redirected to https (308,
    /// so a form post is repeated as a post): cookies and passwords never travel in clear text.
    /// Loopback stays reachable over HTTP for a local run, the test host and a same-machine proxy
    /// (whose X-Forwarded-Proto has already marked its requests as HTTPS).
    /// </summary>
    public static void UseHttpsOutsideLoopback(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            var remote = context.Connection.RemoteIpAddress;
            if (request.IsHttps || remote is null || System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote) || !request.Host.HasValue)
            {
                return next(context);
            }
            var target = $"https://{request.Host.Host}{request.PathBase}{request.Path}{request.QueryString}";
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        });
    }

    public static void UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            var admin = context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = admin ? AdminPolicy : PublicPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = admin ? "DENY" : "SAMEORIGIN";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (admin)
                {
                    // Editors' pages hold drafts and tokens: never kept by a shared cache or the back button of a shared computer.
                    headers.CacheControl = "private, no-store";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
