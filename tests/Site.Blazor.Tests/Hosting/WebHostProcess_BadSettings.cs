using Site.Data.Hosting;
using Site.TestSupport;

namespace Site.Blazor.Tests.Hosting;

/// <summary>
/// The built web host, run as a real process with a bad setting, refuses to start and names the setting (process
/// test: it starts <c>dotnet Site.Blazor.dll</c>).
/// </summary>
public class WebHostProcess_BadSettings
{
    [Theory]
    [InlineData("Site__Database__ConnectionString", "garbage-that-is-not-a-connection-string", "Site:Database:ConnectionString")]
    [InlineData("Site__Storage__Kind", "Ftp", "Site:Storage:Kind")]
    [InlineData("Site__Storage__Kindd", "x", "Site:Storage:Kindd")]
    [InlineData("Site__Cache__Kind", "Redis", "Site:Cache:Redis")]
    public async Task RefusesToStart_AndNamesTheSetting(string variable, string value, string setting)
    {
        var environment = new Dictionary<string, string?>
        {
            // Everything else is valid, and the database is a closed port that start-up does not touch, so that a
            // host which wrongly accepted the bad value would keep running instead of failing for another reason.
            ["Site__Database__ConnectionString"] = $"Host=127.0.0.1;Port={LocalPorts.Free()};Database=site;Username=site",
            ["Site__Database__ApplyMigrations"] = "false",
            ["Site__Storage__LocalPath"] = Path.Combine(Path.GetTempPath(), "site-web-badsettings-media"),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalPorts.Free()}",
            ["Logging__Console__FormatterName"] = "simple",
            [variable] = value,
        };
        await using var host = HostProcess.Start("Site.Blazor", environment);

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(20)), $"Site.Blazor kept running with {variable}={value}\n{host.Output}");
        // A refusal, not a crash: the runner's own exit code and a sentence instead of a stack trace.
        Assert.True(host.ExitCode == SiteHostRunner.StartupFailedExitCode, $"exit code {host.ExitCode}\n{host.Output}");
        Assert.Contains(setting, host.StandardError);
        Assert.Contains("Site.Blazor cannot start", host.StandardError);
        Assert.DoesNotContain("Unhandled exception", host.StandardError);
    }
}
