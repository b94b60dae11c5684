using System.Globalization;
using System.Threading.RateLimiting;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>The "RateLimits" configuration section: requests allowed per minute.</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "RateLimits";

    /// <summary>Sign-in and first-administrator attempts per client address (lockout guards each account too).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Searches per client address.</summary>
    public int SearchPerMinute { get; set; } = 60;

    /// <summary>Print-page imports per signed-in user.</summary>
    public int ImportPerMinute { get; set; } = 10;

    /// <summary>Photo uploads per signed-in user.</summary>
    public int UploadPerMinute { get; set; } = 60;
}

/// <summary>
/// ASP.NET Core's rate limiter on the expensive or guessable endpoints. A refused request gets
/// 429 with a Retry-After header and, through the status-code pages, the Chinese 429 page.
/// The windows are per instance: with N instances behind a balancer a client gets at most N times
/// the limit, which still stops brute force and floods (docs/operations.md).
/// </summary>
public static partial class RateLimits
{
    public const string SignIn = "signin";
    public const string Search = "search";
    public const string Import = "import";
    public const string Upload = "upload";

    public static void AddPortalRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CivilizationNews.RateLimits");
                LogRejected(logger, context.HttpContext.Request.Path.Value ?? "/", ClientAddress(context.HttpContext));
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(SignIn, http => Window(ClientAddress(http), settings.SignInPerMinute));
            o.AddPolicy(Search, http => Window(ClientAddress(http), settings.SearchPerMinute));
            o.AddPolicy(Import, http => Window(UserOrAddress(http), settings.ImportPerMinute));
            o.AddPolicy(Upload, http => Window(UserOrAddress(http), settings.UploadPerMinute));
        });
    }

    private static RateLimitPartition<string> Window(string key, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>The client's address; behind the proxy it is the forwarded one (ForwardedHeaders runs first).</summary>
    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string UserOrAddress(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { } name } ? "user:" + name : "ip:" + ClientAddress(http);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Rate limit reached on {Path} for {Client}")]
    private static partial void LogRejected(ILogger logger, string path, string client);
}
