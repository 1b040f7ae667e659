using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace Site.Data.Caching;

/// <summary>
/// Wraps the shared cache so that an unreachable cache server turns into cache misses instead of failed requests.
/// The Redis client reconnects by itself; until it does, reads miss and writes are dropped.
/// </summary>
public sealed class FailSoftDistributedCache(IDistributedCache inner, ILogger<FailSoftDistributedCache> logger) : IDistributedCache
{
    private long _lastWarningTicks;

    /// <summary>The wrapped cache, for the health check that must see failures.</summary>
    public IDistributedCache Inner => inner;

    public byte[]? Get(string key) => Try(() => inner.Get(key), null);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        TryAsync(() => inner.GetAsync(key, token), null);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Try(() => { inner.Set(key, value, options); return true; }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        TryAsync(async () => { await inner.SetAsync(key, value, options, token); return true; }, false);

    public void Refresh(string key) => Try(() => { inner.Refresh(key); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        TryAsync(async () => { await inner.RefreshAsync(key, token); return true; }, false);

    public void Remove(string key) => Try(() => { inner.Remove(key); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        TryAsync(async () => { await inner.RemoveAsync(key, token); return true; }, false);

    private T Try<T>(Func<T> action, T fallback)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Warn(ex);
            return fallback;
        }
    }

    private async Task<T> TryAsync<T>(Func<Task<T>> action, T fallback)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Warn(ex);
            return fallback;
        }
    }

    /// <summary>At most one warning every 30 s, so an outage does not flood the log.</summary>
    private void Warn(Exception ex)
    {
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last > TimeSpan.FromSeconds(30).Ticks && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            logger.LogWarning(ex, "The cache is unavailable; serving without it until it comes back");
        }
    }
}
