using System.Buffers;
using System.IO.Pipelines;
using CivilizationNews.Core.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace CivilizationNews.Web.Infrastructure.SharedState;

/// <summary>
/// The Redis output-cache store (Microsoft.AspNetCore.OutputCaching.StackExchangeRedis), guarded:
/// while Redis is down a read is a miss, a write is skipped and an eviction is noted, at once, so
/// pages are served uncached at their uncached speed and saves go through. An outage loses the
/// evictions made meanwhile, by this instance or any other, so after one the whole cache is
/// dropped (every cached page carries the <see cref="ContentTags.Site"/> tag) before anything is
/// read from it again: a page cached before the outage never outlives a change made during it.
/// </summary>
public sealed partial class GuardedOutputCacheStore : IOutputCacheBufferStore
{
    private readonly IOutputCacheStore _inner;
    private readonly IOutputCacheBufferStore? _buffers;
    private readonly SharedRedis _redis;
    private readonly ILogger<GuardedOutputCacheStore> _logger;
    private int _flushPending;

    public GuardedOutputCacheStore(IOutputCacheStore inner, SharedRedis redis, ILogger<GuardedOutputCacheStore> logger)
    {
        _inner = inner;
        _buffers = inner as IOutputCacheBufferStore;
        _redis = redis;
        _logger = logger;
        redis.Outage += (_, _) => Volatile.Write(ref _flushPending, 1);
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await ReadyAsync(cancellationToken))
        {
            return null;
        }
        try
        {
            return await _inner.GetAsync(key, cancellationToken);
        }
        catch (Exception ex) when (SharedRedis.IsRedisFailure(ex))
        {
            _redis.Failed(ex);
            return null;
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (_buffers is null)
        {
            var value = await GetAsync(key, cancellationToken);
            if (value is null)
            {
                return false;
            }
            await destination.WriteAsync(value, cancellationToken);
            return true;
        }
        if (!await ReadyAsync(cancellationToken))
        {
            return false;
        }
        try
        {
            return await _buffers.TryGetAsync(key, destination, cancellationToken);
        }
        catch (Exception ex) when (SharedRedis.IsRedisFailure(ex))
        {
            _redis.Failed(ex);
            return false;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!await ReadyAsync(cancellationToken))
        {
            return;
        }
        try
        {
            await _inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception ex) when (SharedRedis.IsRedisFailure(ex))
        {
            _redis.Failed(ex);
        }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (_buffers is null)
        {
            await SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
            return;
        }
        if (!await ReadyAsync(cancellationToken))
        {
            return;
        }
        try
        {
            await _buffers.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception ex) when (SharedRedis.IsRedisFailure(ex))
        {
            _redis.Failed(ex);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        // Down: the eviction is lost, and the flush when Redis returns covers it.
        if (!await ReadyAsync(cancellationToken))
        {
            LogEvictionDeferred(_logger, tag);
            return;
        }
        try
        {
            await _inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception ex) when (SharedRedis.IsRedisFailure(ex))
        {
            _redis.Failed(ex);
            LogEvictionDeferred(_logger, tag);
        }
    }

    /// <summary>Redis is usable, and the cache was dropped if an outage came before.</summary>
    private async ValueTask<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        if (!_redis.Available)
        {
            return false;
        }
        if (Volatile.Read(ref _flushPending) == 1)
        {
            try
            {
                await _inner.EvictByTagAsync(ContentTags.Site, cancellationToken);
            }
            catch (Exception ex) when (SharedRedis.IsRedisFailure(ex))
            {
                _redis.Failed(ex);
                return false;
            }
            if (Interlocked.Exchange(ref _flushPending, 0) == 1)
            {
                LogFlushed(_logger);
            }
        }
        _redis.Succeeded();
        return true;
    }

    [LoggerMessage(EventId = 5403, Level = LogLevel.Information, Message = "Shared output cache dropped after a Redis outage: evictions made meanwhile were lost")]
    private static partial void LogFlushed(ILogger logger);

    [LoggerMessage(EventId = 5404, Level = LogLevel.Debug, Message = "Redis down: eviction of {Tag} left to the flush when it returns")]
    private static partial void LogEvictionDeferred(ILogger logger, string tag);
}
