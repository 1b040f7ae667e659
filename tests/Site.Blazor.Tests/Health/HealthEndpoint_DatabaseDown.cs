using System.Net;
using Site.TestSupport;

namespace Site.Blazor.Tests.Health;

/// <summary>A web host whose database cannot be reached (functional): /health/ says so with 503, liveness still answers.</summary>
public class HealthEndpoint_DatabaseDown
{
    [Fact]
    public async Task Returns503Unhealthy_ButLivenessStillAnswers()
    {
        // A port nothing listens on: connections are refused at once, as when PostgreSQL is down.
        var nowhere = $"Host=127.0.0.1;Port={LocalPorts.Free()};Database=site;Username=site;Timeout=3";
        await using var factory = new SiteWebFactory(nowhere, new Dictionary<string, string?>
        {
            // Otherwise start-up itself would (rightly) refuse to run without its database.
            ["Site:Database:ApplyMigrations"] = "false",
        });
        var client = factory.CreateClient();

        var report = await HealthReport.GetAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.HttpStatus);
        Assert.True(report.Status == "unhealthy", report.Json);
        Assert.Equal("unhealthy", report.Checks["database"].Status);
        Assert.Contains("PostgreSQL does not answer", report.Checks["database"].Description);

        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
