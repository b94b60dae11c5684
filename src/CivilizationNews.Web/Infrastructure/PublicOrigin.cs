using System.Net;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Where the public origin comes from, and the start-up refusal that keeps it from coming from a
/// request (issue 13 item 13, ADR-0012). Canonical links, feeds, sitemaps, JSON-LD and share QR
/// codes are absolute: with Site:PublicBaseUrl empty they use the request's own origin
/// (<see cref="PublicUrls"/>), and with AllowedHosts "*" any Host header is accepted, so a request
/// with a forged Host could put another site's address into a cached page or a feed.
/// <para>
/// A Production app that listens beyond this machine must therefore name its public origin
/// (Site:PublicBaseUrl) and the host names it answers to (AllowedHosts, not "*"), or it refuses to
/// start. An app that listens on loopback only — the README's <c>dotnet run</c> at
/// http://localhost:5080, the tests, a local try-out of the published output — starts without them,
/// since only this machine can reach it; behind a reverse proxy on the same machine, set both anyway
/// (docs/deployment.md shows them in the service unit).
/// </para>
/// </summary>
public static partial class PublicOrigin
{
    /// <summary>Kestrel's own default when no address is configured.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    /// <summary>
    /// Checks the settings before the server starts; false, with the reason logged for the operator
    /// (event 2013), when a Production app listening beyond loopback lacks them.
    /// </summary>
    public static bool CheckBeforeStart(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var problem = Problem(app.Configuration, app.Environment);
        if (problem is null)
        {
            return true;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CivilizationNews.Startup");
        LogRefused(logger, problem);
        return false;
    }

    /// <summary>What is missing for this environment and these addresses, or null when nothing is.</summary>
    public static string? Problem(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsProduction())
        {
            return null;
        }

        var beyond = ListenAddresses(configuration).Where(a => !IsLoopback(a)).ToList();
        if (beyond.Count == 0)
        {
            return null;
        }

        var missing = new List<string>();
        if (!IsAbsoluteHttpUrl(configuration[$"{SiteOptions.SectionName}:{nameof(SiteOptions.PublicBaseUrl)}"]))
        {
            missing.Add("Site:PublicBaseUrl is not an absolute http(s) URL");
        }

        if (!HasHostList(configuration["AllowedHosts"]))
        {
            missing.Add("AllowedHosts is \"*\" (or empty) rather than a list of host names");
        }

        if (missing.Count == 0)
        {
            return null;
        }

        return $"Refusing to start: in Production the app listens on {string.Join(", ", beyond)}, beyond this machine, but "
            + string.Join(" and ", missing) + ". Canonical links, feeds, sitemaps, structured data and QR codes would take their "
            + "host from each request's Host header. Set Site:PublicBaseUrl to the public origin (Site__PublicBaseUrl=https://news.example.cn) "
            + "and AllowedHosts to its host names (AllowedHosts=news.example.cn), or listen on loopback only "
            + "(Urls=http://127.0.0.1:5080) behind the reverse proxy. See docs/deployment.md.";
    }

    /// <summary>
    /// A Production app that serves the public: it listens beyond loopback or names a public origin.
    /// A local run (loopback, no public origin) is not one. Other start-up checks (the data-protection
    /// key warning) use the same test, so that the README's run stays free of deployment warnings.
    /// </summary>
    public static bool IsPublicDeployment(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsProduction()
            && (ListenAddresses(configuration).Any(a => !IsLoopback(a))
                || !string.IsNullOrWhiteSpace(configuration[$"{SiteOptions.SectionName}:{nameof(SiteOptions.PublicBaseUrl)}"]));
    }

    /// <summary>
    /// The addresses Kestrel will bind, from configuration as Kestrel reads it: Kestrel:Endpoints,
    /// then Urls (ASPNETCORE_URLS, --urls), else HTTP_PORTS/HTTPS_PORTS (every interface), else its default.
    /// </summary>
    public static IReadOnlyList<string> ListenAddresses(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var addresses = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0).ToList();
        var urls = Split(configuration["urls"]);
        if (urls.Count > 0)
        {
            addresses.AddRange(urls);
        }
        else
        {
            addresses.AddRange(Split(configuration["http_ports"]).Select(p => $"http://*:{p}"));
            addresses.AddRange(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        }

        return addresses.Count > 0 ? addresses : [KestrelDefault];
    }

    /// <summary>
    /// localhost and loopback addresses. Kestrel binds any other host name, *, + and 0.0.0.0 / [::]
    /// to every interface.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var rest = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? rest[1..close] : rest;
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end >= 0 ? rest[..end] : rest;
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool HasHostList(string? allowedHosts)
    {
        var hosts = Split(allowedHosts);
        return hosts.Count > 0 && !hosts.Contains("*");
    }

    private static List<string> Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    [LoggerMessage(EventId = 2013, Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);
}
