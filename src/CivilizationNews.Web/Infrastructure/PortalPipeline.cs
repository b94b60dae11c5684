using Microsoft.AspNetCore.HttpOverrides;
using Serilog;

namespace CivilizationNews.Web.Infrastructure;

public static class PortalPipeline
{
    public static void UsePortalPipeline(this WebApplication app)
    {
        // Behind a TLS-terminating proxy the request is HTTPS for cookies, redirects and canonical URLs.
        // Loopback proxies are trusted; a load balancer on another machine is named in
        // ForwardedHeaders:KnownProxies (its addresses), as docs/deployment.md shows.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in app.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
        {
            forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }
        app.UseForwardedHeaders(forwarded);
        // Readers never see a stack trace: unhandled errors re-execute the Chinese error page,
        // and empty 4xx responses (unknown routes, bad ids) get the Chinese status page.
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsOutsideLoopback();
        }
        app.UseSecurityHeaders();
        // Compressed for readers; the admin is left uncompressed, since its pages carry antiforgery
        // tokens next to text an attacker could reflect (BREACH).
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseResponseCompression());
        if (app.Configuration["Bench:StaticDirectory"] is { Length: > 0 } benchStatic)
        {
            // bench/run only: the article page's own bytes served as a static file by this same app,
            // the limit each page is measured against (docs/performance.md). Off unless configured.
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(benchStatic),
                RequestPath = "/bench-static",
            });
        }
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            // Not every request at Information: writing a console line per request cost about a third of the
            // cached pages' throughput (docs/performance.md, access log), and the reverse proxy keeps the access
            // log anyway (docs/deployment.md). Server errors and slow answers still show; ordinary requests are
            // Debug, on with Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Debug.
            o.GetLevel = RequestLogLevel;
        });
        app.UseRouting();
        app.UseNewsroomAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // After authentication: the cache never serves or stores signed-in requests.
        app.UsePortalOutputCache();
    }

    /// <summary>
    /// Error for a 5xx or an exception; Information for an answer slower than a second (worth seeing, not a fault:
    /// a cold start or a busy machine); Debug otherwise.
    /// </summary>
    public static Serilog.Events.LogEventLevel RequestLogLevel(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The browser went away (a page left while its images loaded): nothing failed here.
            return Serilog.Events.LogEventLevel.Debug;
        }
        return exception is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
            : elapsedMilliseconds > 1000 ? Serilog.Events.LogEventLevel.Information
            : Serilog.Events.LogEventLevel.Debug;
    }

    public static void MapPortalEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapPortalHealthChecks();
        // WithStaticAssets: link and script tag helpers emit fingerprinted URLs (site.{hash}.css),
        // which MapStaticAssets serves with a one-year immutable cache.
        app.MapControllers().WithStaticAssets();
    }
}
