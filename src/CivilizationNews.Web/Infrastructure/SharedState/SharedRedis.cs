using StackExchange.Redis;

namespace CivilizationNews.Web.Infrastructure.SharedState;

/// <summary>
/// The one Redis connection an instance shares with the others (OutputCache:Redis): the output cache
/// and the rate-limit counters live there. It is built so that Redis being down never holds a request:
/// the connection is made in the background (no failure at start-up), reconnects by itself, and the
/// users of it ask <see cref="Available"/> before each call instead of waiting for a timeout.
/// </summary>
public sealed partial class SharedRedis : IDisposable
{
    /// <summary>After a failed call, how long every user leaves Redis alone before trying again.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly ILogger<SharedRedis> _logger;
    private readonly TimeProvider _clock;
    private long _leaveAloneUntil;
    private int _down;

    public SharedRedis(string configuration, ILogger<SharedRedis> logger, TimeProvider clock)
    {
        _logger = logger;
        _clock = clock;
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        // A cache on the local network answers in a millisecond; a slow answer counts as down.
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 1000;
        }
        if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.SyncTimeout = 500;
        }
        if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.AsyncTimeout = 500;
        }
        Connection = ConnectionMultiplexer.Connect(options);
        Connection.ConnectionFailed += (_, e) => MarkDown(e.Exception);
    }

    public IConnectionMultiplexer Connection { get; }

    /// <summary>Raised once per outage, when Redis is found down: what was cached may miss evictions until it returns.</summary>
    public event EventHandler? Outage;

    /// <summary>Connected, and no call failed in the last few seconds.</summary>
    public bool Available => Connection.IsConnected && _clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref _leaveAloneUntil);

    /// <summary>A call failed: leave Redis alone for a few seconds, and report the outage (once).</summary>
    public void Failed(Exception exception)
    {
        Interlocked.Exchange(ref _leaveAloneUntil, (_clock.GetUtcNow() + RetryAfter).UtcTicks);
        MarkDown(exception);
    }

    /// <summary>A call succeeded after an outage: log the recovery (once).</summary>
    public void Succeeded()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogRestored(_logger);
        }
    }

    /// <summary>What a Redis failure looks like to a caller: connection, timeout or server errors.</summary>
    public static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException
        || exception.InnerException is RedisException or TimeoutException or System.Net.Sockets.SocketException;

    private void MarkDown(Exception? exception)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogDown(_logger, exception);
            Outage?.Invoke(this, EventArgs.Empty);
        }
    }

    public void Dispose() => Connection.Dispose();

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning,
        Message = "Redis is unreachable: pages are served uncached and rate limits are counted per instance until it returns")]
    private static partial void LogDown(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Redis is back: shared cache and rate limits resume")]
    private static partial void LogRestored(ILogger logger);
}
