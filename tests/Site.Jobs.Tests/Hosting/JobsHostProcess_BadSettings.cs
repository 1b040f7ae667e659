using Site.Data.Hosting;
using Site.TestSupport;

namespace Site.Jobs.Tests.Hosting;

/// <summary>
/// The built jobs host, run as a real process with a bad setting, refuses to start and names the setting (process
/// test: it starts <c>dotnet Site.Jobs.dll</c>).
/// </summary>
public class JobsHostProcess_BadSettings
{
    [Theory]
    [InlineData("Site__Database__ConnectionString", "garbage-that-is-not-a-connection-string", "Site:Database:ConnectionString")]
    [InlineData("Site__Storage__Kind", "Ftp", "Site:Storage:Kind")]
    [InlineData("Site__Storage__Kindd", "x", "Site:Storage:Kindd")]
    [InlineData("Site__Jobs__ShutdownGracePeriod", "01:00:00", "Site:Jobs:ShutdownGracePeriod")]
    [InlineData("Site__Jobs__ShutdownGracePeriod", "soon", "Site:Jobs:ShutdownGracePeriod")]
    public async Task RefusesToStart_AndNamesTheSetting(string variable, string value, string setting)
    {
        var folder = Directory.CreateTempSubdirectory("site-jobs-badsettings-").FullName;
        try
        {
            var environment = new Dictionary<string, string?>
            {
                // Everything else is valid, and the database is a closed port that start-up does not touch when
                // migrations are off, so the bad value is the only reason to refuse.
                ["Site__Database__ConnectionString"] = $"Host=127.0.0.1;Port={LocalPorts.Free()};Database=site;Username=site;Timeout=2",
                ["Site__Database__ApplyMigrations"] = "false",
                ["Site__Jobs__HeartbeatFile"] = Path.Combine(folder, "heartbeat"),
                ["Site__Storage__LocalPath"] = Path.Combine(folder, "media"),
                ["Logging__Console__FormatterName"] = "simple",
                [variable] = value,
            };
            await using var host = HostProcess.Start("Site.Jobs", environment);

            Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(20)), $"Site.Jobs kept running with {variable}={value}\n{host.Output}");
            // A refusal, not a crash: the runner's own exit code and a sentence instead of a stack trace.
            Assert.True(host.ExitCode == SiteHostRunner.StartupFailedExitCode, $"exit code {host.ExitCode}\n{host.Output}");
            Assert.Contains(setting, host.StandardError);
            Assert.Contains("Site.Jobs cannot start", host.StandardError);
            Assert.DoesNotContain("Unhandled exception", host.StandardError);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
