using Microsoft.AspNetCore.HttpOverrides;
using Serilog;

namespace CivilizationNews.Web.Infrastructure;

public static class PortalPipeline
{
    public static void UsePortalPipeline(this WebApplication app)
    {
        // Behind a TLS-terminating proxy the request is HTTPS for cookies, redirects and canonical URLs.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        // Readers never see a stack trace: unhandled errors re-execute the Chinese error page,
        // and empty 4xx responses (unknown routes, bad ids) get the Chinese status page.
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
    }

    public static void MapPortalEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapControllers();
    }
}
