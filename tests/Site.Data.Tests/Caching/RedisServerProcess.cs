using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Site.Data.Tests.Caching;

/// <summary>
/// A Redis server of the test's own (the shared one must stay up for other tests), on a free loopback port, that the
/// test can stop and start again on the same port. Needs redis-server and redis-cli, which ./test installs.
/// </summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "site-redis-" + Guid.NewGuid().ToString("N"));

    public RedisServerProcess()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Directory.CreateDirectory(_folder);
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        await RunAsync("redis-server",
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _folder, "--daemonize", "yes",
            "--pidfile", Path.Combine(_folder, "redis.pid"), "--logfile", Path.Combine(_folder, "redis.log"),
            "--save", "", "--appendonly", "no");
        await WaitUntilAsync(listening: true);
    }

    public async Task StopAsync()
    {
        await RunAsync("redis-cli", "-p", Port.ToString(), "shutdown", "nosave");
        await WaitUntilAsync(listening: false);
    }

    public void Dispose()
    {
        try
        {
            using var stop = Process.Start(new ProcessStartInfo("redis-cli", ["-p", Port.ToString(), "shutdown", "nosave"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            stop?.WaitForExit(5000);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private async Task WaitUntilAsync(bool listening)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await AcceptsConnectionsAsync() == listening)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Redis on port {Port} did not {(listening ? "start" : "stop")} within 10 s.");
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
