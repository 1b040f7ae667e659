using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.TestSupport;

namespace Site.Jobs.Tests.Reliability;

/// <summary>Runs its own PostgreSQL (scripts/postgres.sh on a free port and folder), so it can stop and start it.</summary>
public sealed class JobsHost_DatabaseRestart : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "site-pg-restart-" + Guid.NewGuid().ToString("N")[..8]);
    private int _port;

    private string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=site;Database=site;Timeout=5";

    public async Task InitializeAsync()
    {
        _port = FreePort();
        await PostgresAsync("start", _folder, _port.ToString(), "fast");
    }

    [Fact]
    public async Task TheHostReconnectsAfterADatabaseRestart_AndCarriesOn()
    {
        var probe = new QueueProbe(CreateContext);
        await using var host = JobsHostProcess.Start(ConnectionString);
        await QueueProbe.EventuallyAsync(async () => await probe.LiveHostsAsync() == 1, TimeSpan.FromSeconds(60), "the host started and migrated", host);
        var before = await probe.EnqueueSleepAsync(0);
        await QueueProbe.EventuallyAsync(() => probe.IsDoneAsync(before), TimeSpan.FromSeconds(15), "a job before the restart", host);
        var dueDuringOutage = await probe.EnqueueSleepAsync(0, DateTimeOffset.UtcNow.AddSeconds(3));

        await PostgresAsync("stop", _folder);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.False(host.HasExited, "the host died with the database\n" + host.Output);
        await PostgresAsync("start", _folder, _port.ToString(), "fast");
        Npgsql.NpgsqlConnection.ClearAllPools();

        await QueueProbe.EventuallyAsync(() => probe.IsDoneAsync(dueDuringOutage), TimeSpan.FromSeconds(30),
            "the job that came due while the database was down", host);
        var after = await probe.EnqueueSleepAsync(0);
        await QueueProbe.EventuallyAsync(() => probe.IsDoneAsync(after), TimeSpan.FromSeconds(15), "a job enqueued after the restart", host);
        Assert.False(host.HasExited);
    }

    public async Task DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await PostgresAsync("stop", _folder);
        Directory.Delete(_folder, recursive: true);
    }

    private SiteDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<SiteDbContext>();
        SiteDatabase.Configure(options, ConnectionString);
        return new SiteDbContext(options.Options);
    }

    private static async Task PostgresAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(TestServices.RepositoryRoot, "scripts", "postgres.sh"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"postgres.sh {string.Join(' ', arguments)} failed: {await output}{await errors}");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
