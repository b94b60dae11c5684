using CivilizationNews.Core.Caching;
using CivilizationNews.Web.Infrastructure.SharedState;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>The "OutputCache" configuration section.</summary>
public sealed class OutputCacheSettings
{
    public const string SectionName = "OutputCache";

    /// <summary>Off only to measure the uncached pages (bench/run) or to debug.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A StackExchange.Redis configuration string; when set, every instance shares one cache.</summary>
    public string Redis { get; set; } = string.Empty;

    /// <summary>How long an entry lives if nothing evicts it first (eviction is what keeps pages fresh).</summary>
    public int ExpirationMinutes { get; set; } = 10;

    /// <summary>The in-memory store's limit.</summary>
    public int SizeLimitMegabytes { get; set; } = 64;
}

/// <summary>
/// Output caching of public pages. Pages are tagged with what they show (see
/// <see cref="ContentTags"/>); the save path evicts exactly those tags after each commit through
/// <see cref="OutputCachePageCache"/>. Signed-in and admin responses are never cached: the
/// default policy skips authenticated requests and responses that set cookies, and admin
/// controllers carry no cache policy.
/// </summary>
public static class OutputCaching
{
    public const string PublicPolicy = "public";

    public static void AddPortalOutputCache(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OutputCacheSettings.SectionName).Get<OutputCacheSettings>() ?? new OutputCacheSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddOutputCache(o =>
        {
            o.SizeLimit = settings.SizeLimitMegabytes * 1024L * 1024L;
            o.MaximumBodySize = 4 * 1024 * 1024;
            o.DefaultExpirationTimeSpan = TimeSpan.FromMinutes(settings.ExpirationMinutes);
            o.AddPolicy(PublicPolicy, b => b.Tag(ContentTags.Site));
        });
        if (!string.IsNullOrWhiteSpace(settings.Redis))
        {
            // One connection per instance, shared by the cache and the rate limits, never waited on while down.
            builder.Services.AddSingleton(sp => new SharedRedis(settings.Redis, sp.GetRequiredService<ILogger<SharedRedis>>(), TimeProvider.System));
            builder.Services.AddStackExchangeRedisOutputCache(o => o.InstanceName = "civilizationnews:");
            builder.Services.AddOptions<RedisOutputCacheOptions>()
                .Configure<SharedRedis>((o, redis) => o.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Connection));
            GuardStore(builder.Services);
        }
        builder.Services.AddSingleton<IPageCache, OutputCachePageCache>();
    }

    /// <summary>Wraps the Redis store just registered in <see cref="GuardedOutputCacheStore"/>.</summary>
    private static void GuardStore(IServiceCollection services)
    {
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(redisStore);
        services.AddSingleton<IOutputCacheStore>(sp => new GuardedOutputCacheStore(
            redisStore.ImplementationFactory is { } factory
                ? (IOutputCacheStore)factory(sp)
                : (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, redisStore.ImplementationType!),
            sp.GetRequiredService<SharedRedis>(), sp.GetRequiredService<ILogger<GuardedOutputCacheStore>>()));
    }

    public static void UsePortalOutputCache(this WebApplication app)
    {
        if (app.Services.GetRequiredService<OutputCacheSettings>().Enabled)
        {
            app.UseOutputCache();
        }
    }

    /// <summary>Adds tags to the response being cached, if it is being cached.</summary>
    public static void AddCacheTags(this HttpContext context, params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IOutputCacheFeature>() is { } feature)
        {
            foreach (var tag in tags)
            {
                feature.Context.Tags.Add(tag);
            }
        }
    }
}

/// <summary>
/// The output cache as the save path's <see cref="IPageCache"/>: Core/Saving/AfterCommit evicts the
/// pages of every committed change through it, before the editor's request returns. A second eviction
/// shortly after removes any page that a concurrent reader rendered from the old data and stored after
/// the first one.
/// </summary>
public sealed partial class OutputCachePageCache(IOutputCacheStore store, ILogger<OutputCachePageCache> logger, IHostApplicationLifetime lifetime)
    : IPageCache
{
    private static readonly TimeSpan SecondPass = TimeSpan.FromSeconds(2);

    public async Task EvictAsync(IReadOnlySet<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await EvictOnceAsync(tags, CancellationToken.None);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(SecondPass, lifetime.ApplicationStopping);
                await EvictOnceAsync(tags, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: the in-memory cache goes with the process.
            }
        }, CancellationToken.None);
    }

    private async Task EvictOnceAsync(IReadOnlySet<string> tags, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var tag in tags)
            {
                await store.EvictByTagAsync(tag, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The editor's change is committed; a cache store that cannot be reached (Redis down) must
            // not turn the save into an error page. Entries expire by themselves (OutputCache:ExpirationMinutes).
            LogEvictFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 5303, Level = LogLevel.Error, Message = "Output cache eviction failed; cached pages expire on their own")]
    private static partial void LogEvictFailed(ILogger logger, Exception exception);
}
