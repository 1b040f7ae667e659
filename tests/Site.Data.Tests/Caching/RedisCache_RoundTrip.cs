using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Site.TestSupport;

namespace Site.Data.Tests.Caching;

public class RedisCache_RoundTrip
{
    [Fact]
    public async Task AValueWrittenByOneHost_IsReadByAnother()
    {
        using var web = new SiteCacheHost(TestServices.Redis);
        using var jobs = new SiteCacheHost(TestServices.Redis);
        var key = "round-trip:" + Guid.NewGuid().ToString("N");

        await web.Cache.SetStringAsync(key, "rendered page", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });

        Assert.Equal("rendered page", await jobs.Cache.GetStringAsync(key));
        await jobs.Cache.RemoveAsync(key);
        Assert.Null(await web.Cache.GetAsync(key));
    }

    [Fact]
    public async Task AnExpiredValue_IsGone()
    {
        using var host = new SiteCacheHost(TestServices.Redis);
        var key = "expiry:" + Guid.NewGuid().ToString("N");

        await host.Cache.SetAsync(key, Encoding.UTF8.GetBytes("short-lived"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMilliseconds(300) });
        await Task.Delay(1000);

        Assert.Null(await host.Cache.GetAsync(key));
    }

    [Fact]
    public async Task TheHealthCheck_PassesWhileRedisAnswers()
    {
        using var host = new SiteCacheHost(TestServices.Redis);

        var health = await host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Contains("Redis", health.Description);
    }
}
