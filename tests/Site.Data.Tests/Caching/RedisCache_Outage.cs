using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace Site.Data.Tests.Caching;

/// <summary>Pages must keep being served while Redis is away, and the cache must come back by itself.</summary>
public sealed class RedisCache_Outage(ITestOutputHelper output) : IDisposable
{
    /// <summary>Far below the 5 s command timeout: a request must not wait for a dead cache.</summary>
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(1);

    private static readonly DistributedCacheEntryOptions OneMinute = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) };

    private readonly RedisServerProcess _redis = new();

    [Fact]
    public async Task WhileRedisIsDown_ReadsMissAndWritesAreDroppedAtOnce_ThenItReconnectsByItself()
    {
        await _redis.StartAsync();
        using var host = new SiteCacheHost(_redis.Configuration);
        var cache = host.Cache;
        await cache.SetStringAsync("page:/", "before", OneMinute);
        Assert.Equal("before", await cache.GetStringAsync("page:/"));

        await _redis.StopAsync();

        var clock = Stopwatch.StartNew();
        Assert.Null(await cache.GetStringAsync("page:/"));
        await cache.SetStringAsync("page:/", "during", OneMinute);
        Assert.Null(cache.Get("page:/"));
        cache.Set("page:/about", [1], OneMinute);
        await cache.RemoveAsync("page:/");
        await cache.RefreshAsync("page:/");
        output.WriteLine($"Six cache calls during the outage took {clock.ElapsedMilliseconds} ms");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, 2 * FailFast);

        // Again once the client has surely noticed the outage: still fast, not queued behind reconnect attempts.
        await Task.Delay(TimeSpan.FromSeconds(2));
        clock.Restart();
        Assert.Null(await cache.GetAsync("page:/"));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, FailFast);

        await _redis.StartAsync();

        clock.Restart();
        string? read = null;
        while (read is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            await cache.SetStringAsync("page:/", "after", OneMinute);
            read = await cache.GetStringAsync("page:/");
        }

        output.WriteLine($"The cache worked again {clock.ElapsedMilliseconds} ms after Redis came back");
        Assert.Equal("after", read);
    }

    [Fact]
    public async Task TheHealthCheck_ReportsRedisDown_AndRecovers()
    {
        await _redis.StartAsync();
        using var host = new SiteCacheHost(_redis.Configuration);
        Assert.Equal(HealthStatus.Healthy, (await host.CheckHealthAsync()).Status);

        await _redis.StopAsync();
        var clock = Stopwatch.StartNew();
        var down = await host.CheckHealthAsync();
        output.WriteLine($"The health check took {clock.ElapsedMilliseconds} ms with Redis down: {down.Description}");

        Assert.Equal(HealthStatus.Degraded, down.Status);
        Assert.Contains("Redis cache is unavailable", down.Description);

        await _redis.StartAsync();
        clock.Restart();
        var status = down.Status;
        while (status != HealthStatus.Healthy && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            status = (await host.CheckHealthAsync()).Status;
        }

        Assert.Equal(HealthStatus.Healthy, status);
    }

    public void Dispose() => _redis.Dispose();
}
