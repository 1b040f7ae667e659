using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Hosting;
using Site.TestSupport;

namespace Site.Blazor.Tests.Health;

/// <summary>/health/ of a web host whose database, cache and storage all work (functional: real host, real PostgreSQL).</summary>
public class HealthEndpoint_AllChecks
{
    [Fact]
    public async Task ReportsHealthy_WithEveryCheckAndItsLatency_WhenAJobsHostBeats()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SiteWebFactory(database.ConnectionString);
        await RunningJobsHost.RegisterAsync(database);

        var report = await HealthReport.GetAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, report.HttpStatus);
        Assert.True(report.Status == "healthy", report.Json);
        Assert.Equal(SiteHostDefaults.Version, report.Version);
        Assert.All(report.Checks.Values, check =>
        {
            Assert.Equal("healthy", check.Status);
            Assert.False(string.IsNullOrWhiteSpace(check.Description), report.Json);
        });

        // The settings given to the factory are the ones the host bound: the report above is about the test's own
        // database and media folder, not some default.
        var storage = factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.Equal(factory.MediaFolder, storage.LocalPath);
        Assert.Equal(database.ConnectionString, factory.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString);
        Assert.True(File.Exists(Path.Combine(factory.MediaFolder, "objects", "health", "probe.txt")), "the storage check did not write to the configured folder");
    }

    [Fact]
    public async Task ReportsDegraded_WithTheJobsCheckFailing_WhenNoJobsHostRuns()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SiteWebFactory(database.ConnectionString);

        var report = await HealthReport.GetAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, report.HttpStatus);
        Assert.True(report.Status == "degraded", report.Json);
        Assert.Equal("degraded", report.Checks["jobs"].Status);
        Assert.Contains("No jobs host", report.Checks["jobs"].Description);
        Assert.All(["database", "cache", "storage"], name => Assert.Equal("healthy", report.Checks[name].Status));
    }

    [Fact]
    public async Task LivenessAnswers_AndTheReportIsAlsoAtHealthWithoutTheSlash()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SiteWebFactory(database.ConnectionString);
        // No redirects followed: a monitor that does not follow them must get the answer itself.
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("alive", await live.Content.ReadAsStringAsync());
        Assert.Equal("no-store", live.Headers.CacheControl?.ToString());

        using var withoutSlash = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, withoutSlash.StatusCode);
        Assert.Contains("\"checks\"", await withoutSlash.Content.ReadAsStringAsync());
    }
}
