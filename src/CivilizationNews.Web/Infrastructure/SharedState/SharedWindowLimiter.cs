using System.Globalization;
using System.Threading.RateLimiting;

namespace CivilizationNews.Web.Infrastructure.SharedState;

/// <summary>
/// A fixed one-minute window counted in Redis, so that a limit holds across every instance (10
/// sign-ins a minute from one address is 10 in all, not 10 per instance). While Redis is down the
/// instance counts on its own (<see cref="FixedWindowRateLimiter"/>): the limit is then per instance,
/// still stopping brute force, and no request waits for the dead connection.
/// </summary>
public sealed class SharedWindowLimiter : RateLimiter
{
    // INCR the window's counter; the first request of a window sets its expiry.
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly SharedRedis _redis;
    private readonly string _key;
    private readonly int _limit;
    private readonly TimeProvider _clock;
    private readonly FixedWindowRateLimiter _local;

    public SharedWindowLimiter(SharedRedis redis, string key, int permitsPerMinute, TimeProvider clock)
    {
        _redis = redis;
        _key = key;
        _limit = Math.Max(1, permitsPerMinute);
        _clock = clock;
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = _limit, Window = Window, QueueLimit = 0 });
    }

    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        AcquireAsyncCore(permitCount, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (!_redis.Available)
        {
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }
        var now = _clock.GetUtcNow();
        var windowStart = now.ToUnixTimeMilliseconds() / (long)Window.TotalMilliseconds;
        var key = string.Create(CultureInfo.InvariantCulture, $"civilizationnews:ratelimit:{_key}:{windowStart}");
        long count;
        try
        {
            count = (long)await _redis.Connection.GetDatabase().ScriptEvaluateAsync(CountScript, [key], [(long)Window.TotalMilliseconds * 2]);
        }
        catch (Exception ex) when (SharedRedis.IsRedisFailure(ex))
        {
            _redis.Failed(ex);
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }
        _redis.Succeeded();
        if (count <= _limit)
        {
            return Lease.Granted;
        }
        var windowEnds = DateTimeOffset.FromUnixTimeMilliseconds((windowStart + 1) * (long)Window.TotalMilliseconds);
        return new Lease(false, windowEnds - now);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static Lease Granted { get; } = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = after;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
