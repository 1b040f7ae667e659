using System.Diagnostics;
using System.Net;
using Site.TestSupport;

namespace Site.Blazor.Tests.Health;

/// <summary>
/// The site on Redis, with Redis stopped mid-test (functional, with a Redis server of the test's own): health turns
/// "degraded" and pages keep being served.
/// </summary>
public class HealthEndpoint_RedisOutage
{
    [Fact]
    public async Task ReportsCacheDegraded_AndStillServesTheHomePage_WhenRedisStops()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SiteWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Site:Cache:Kind"] = "Redis",
            ["Site:Cache:Redis"] = redis.Configuration,
        });
        await RunningJobsHost.RegisterAsync(database);
        var client = factory.CreateClient();

        var before = await HealthReport.GetAsync(client);
        Assert.True(before.Status == "healthy", before.Json);
        Assert.Contains("Redis", before.Checks["cache"].Description);
        using (var warmUp = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        await redis.ShutdownAsync();

        var during = await HealthReport.GetAsync(client);
        Assert.Equal(HttpStatusCode.OK, during.HttpStatus);
        Assert.True(during.Status == "degraded", during.Json);
        Assert.Equal("degraded", during.Checks["cache"].Status);
        Assert.All(["database", "storage", "jobs"], name => Assert.Equal("healthy", during.Checks[name].Status));

        var clock = Stopwatch.StartNew();
        using var home = await client.GetAsync("/");
        clock.Stop();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<h2 id=\"blog-heading\">Blog</h2>", await home.Content.ReadAsStringAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the home page took {clock.Elapsed.TotalSeconds:0.0} s without Redis");
    }
}
