using System.Globalization;
using System.Threading.RateLimiting;
using CivilizationNews.Web.Infrastructure.SharedState;

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
/// With OutputCache:Redis set the windows are counted in Redis (<see cref="SharedWindowLimiter"/>),
/// so a limit holds across every instance; without it, or while Redis is down, each instance
/// counts on its own (docs/deployment.md).
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
            o.AddPolicy(SignIn, http => Window(http, SignIn, ClientAddress(http), settings.SignInPerMinute));
            o.AddPolicy(Search, http => Window(http, Search, ClientAddress(http), settings.SearchPerMinute));
            o.AddPolicy(Import, http => Window(http, Import, UserOrAddress(http), settings.ImportPerMinute));
            o.AddPolicy(Upload, http => Window(http, Upload, UserOrAddress(http), settings.UploadPerMinute));
        });
    }

    private static RateLimitPartition<string> Window(HttpContext http, string policy, string key, int perMinute)
    {
        var shared = http.RequestServices.GetService<SharedRedis>();
        return RateLimitPartition.Get<string>(key, _ => shared is null
            ? new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : new SharedWindowLimiter(shared, $"{policy}:{key}", perMinute, TimeProvider.System));
    }

    /// <summary>The client's address; behind the proxy it is the forwarded one (ForwardedHeaders runs first).</summary>
    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string UserOrAddress(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { } name } ? "user:" + name : "ip:" + ClientAddress(http);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Rate limit reached on {Path} for {Client}")]
    private static partial void LogRejected(ILogger logger, string path, string client);
}
