using System.Text.Encodings.Web;
using System.Text.Unicode;
using CivilizationNews.Core;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.LinkPush;
using CivilizationNews.Web.Cli;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.WebEncoders;
using Serilog;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>Service registration, grouped the way Program.cs reads.</summary>
public static class PortalServices
{
    public static void AddPortalLogging(this WebApplicationBuilder builder, CommandLine command)
    {
        if (command.Verb is not null)
        {
            // Verbs may print results (JSON) to stdout: every log line goes to stderr instead.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Serilog:WriteTo:0:Args:standardErrorFromLevel"] = "Verbose",
            });
        }
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services));
    }

    public static void AddPortalData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddNewsCore(builder.Configuration, options, DataDirectory(builder));
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            builder.Services.AddSingleton<SqliteStatistics>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<SqliteStatistics>());
        }
        builder.Services.PostConfigure<LinkPushOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.PublicBaseUrl))
            {
                o.PublicBaseUrl = builder.Configuration[$"{SiteOptions.SectionName}:{nameof(SiteOptions.PublicBaseUrl)}"];
            }
        });
        builder.AddPortalDataProtection();
    }

    public static void AddPortalWeb(this WebApplicationBuilder builder)
    {
        // Run from the build output (dotnet run, in any environment), MapStaticAssets' endpoint
        // manifest names precompressed files that live under obj/, which only the build's static web
        // assets manifest maps: without it every gzip request got an empty 200 (issue 12). Published
        // output has no such manifest and serves wwwroot with its .gz/.br files: there this is a no-op.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.SectionName));
        // Chinese text is written as characters, not as &#x...; entities: a third of the bytes, and readable source.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddSingleton<StartupWarmUp>();
        builder.Services.AddSingleton<TagHelpers.StructuredData>();
        // Forms are validated by the Core services, which word every message in Chinese; no client script reads
        // data-val-* attributes, so asp-for does not write the framework's English ones into the page.
        builder.Services.AddControllersWithViews().AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["application/rss+xml", "application/atom+xml", "image/svg+xml", "application/manifest+json"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.AddPortalOutputCache();
        builder.AddPortalRateLimits();
        builder.AddPortalHealthChecks();
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
    }

    /// <summary>The data folder: "DataDirectory" from configuration, relative to the content root.</summary>
    public static string DataDirectory(WebApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration["DataDirectory"] is { Length: > 0 } dir ? dir : "App_Data",
            builder.Environment.ContentRootPath);
}
