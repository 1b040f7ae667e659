using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Site.Data.Hosting;
using Site.Domain.Health;

namespace Site.Data.Tests.Caching;

/// <summary>
/// The cache and its health check exactly as a host gets them (<see cref="SiteHostDefaults.AddSiteDefaults"/> with
/// Site:Cache settings), so the tests cover the product's Redis settings and fail-soft wrapper, not a copy of them.
/// </summary>
internal sealed class SiteCacheHost : IDisposable
{
    private readonly IHost _host;

    public SiteCacheHost(string redisConfiguration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Cache:Kind"] = "Redis",
            ["Site:Cache:Redis"] = redisConfiguration,
        });
        builder.AddSiteDefaults("site-tests");
        _host = builder.Build();
    }

    public IDistributedCache Cache => _host.Services.GetRequiredService<IDistributedCache>();

    public async Task<HealthReportEntry> CheckHealthAsync()
    {
        var report = await _host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(registration => registration.Name == SiteHealthChecks.Cache);
        return report.Entries[SiteHealthChecks.Cache];
    }

    public void Dispose() => _host.Dispose();
}
