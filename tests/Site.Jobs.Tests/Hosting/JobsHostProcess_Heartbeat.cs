using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Site.Data.Hosts;
using Site.TestSupport;

namespace Site.Jobs.Tests.Hosting;

/// <summary>
/// The built jobs host as a real process on a real database (process test: it starts <c>dotnet Site.Jobs.dll</c>):
/// it registers, keeps its heartbeat fresh in the database and in a file, and stops cleanly on SIGTERM.
/// </summary>
public class JobsHostProcess_Heartbeat
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task BeatsWhileRunning_AndRecordsItsStop_OnSigterm()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("site-jobs-test-").FullName;
        var heartbeatFile = Path.Combine(folder, "heartbeat");
        try
        {
            await using var host = HostProcess.Start("Site.Jobs", new Dictionary<string, string?>
            {
                ["Site__Database__ConnectionString"] = database.ConnectionString,
                ["Site__Jobs__HeartbeatFile"] = heartbeatFile,
                ["Site__Jobs__ShutdownGracePeriod"] = GracePeriod.ToString("c", CultureInfo.InvariantCulture),
                ["Site__Storage__LocalPath"] = Path.Combine(folder, "media"),
                ["Site__Mail__Folder"] = Path.Combine(folder, "mail"),
                ["Logging__Console__FormatterName"] = "simple",
            });

            var registered = await WaitForAsync(database, host, TimeSpan.FromSeconds(20), "the jobs host to register",
                rows => rows.SingleOrDefault(r => r.ProcessId == host.Id));
            Assert.Null(registered.StoppedAt);

            // Heartbeats come every 10 s on the clock's tens; two of them fit in 25 s whatever the start time.
            var beaten = await WaitForAsync(database, host, TimeSpan.FromSeconds(25), "a heartbeat to advance last_seen_at",
                rows => rows.SingleOrDefault(r => r.Id == registered.Id && r.LastSeenAt > registered.LastSeenAt));
            Assert.True(File.Exists(heartbeatFile), $"no heartbeat file at {heartbeatFile}\n{host.Output}");
            var written = DateTimeOffset.Parse(await File.ReadAllTextAsync(heartbeatFile), CultureInfo.InvariantCulture);
            Assert.True(DateTimeOffset.UtcNow - written < TimeSpan.FromSeconds(30), $"the heartbeat file says {written:O}");
            Assert.Null(beaten.StoppedAt);

            await host.TerminateAsync();

            Assert.True(await host.WaitForExitAsync(GracePeriod + TimeSpan.FromSeconds(5)), $"the jobs host ignored SIGTERM\n{host.Output}");
            Assert.True(host.ExitCode == 0, $"exit code {host.ExitCode} after SIGTERM\n{host.Output}");
            await using var db = database.CreateContext();
            var stopped = await db.JobHosts.AsNoTracking().SingleAsync(r => r.Id == registered.Id);
            Assert.NotNull(stopped.StoppedAt);
            Assert.True(stopped.StoppedAt >= beaten.LastSeenAt);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<JobHost> WaitForAsync(
        TestDatabase database, HostProcess host, TimeSpan timeout, string what, Func<List<JobHost>, JobHost?> find)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = database.CreateContext())
            {
                if (find(await db.JobHosts.AsNoTracking().ToListAsync()) is { } row)
                {
                    return row;
                }
            }

            if (host.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"The jobs host exited ({host.ExitCode}) while waiting for {what}\n{host.Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Waited {timeout.TotalSeconds:0} s for {what}\n{host.Output}");
            }

            await Task.Delay(250);
        }
    }
}
