using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Site.TestSupport;

namespace Site.Blazor.Tests.Health;

/// <summary>
/// A Redis server of one test's own (started as scripts/test-services.sh starts the shared one), so that the test
/// can stop it mid-way without disturbing the other tests.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _folder;

    private RedisServerProcess(int port, string folder)
    {
        Port = port;
        _folder = folder;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync()
    {
        var port = LocalPorts.Free();
        var folder = Directory.CreateTempSubdirectory("site-redis-").FullName;
        await RunAsync("redis-server", "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--daemonize", "yes",
            "--pidfile", Path.Combine(folder, "redis.pid"), "--logfile", Path.Combine(folder, "redis.log"), "--save", "", "--appendonly", "no");
        var redis = new RedisServerProcess(port, folder);
        await redis.WaitUntilAsync(listening: true);
        return redis;
    }

    /// <summary>Stops the server the way an outage looks to clients: every connection drops at once.</summary>
    public async Task ShutdownAsync()
    {
        await RunAsync("redis-cli", "-p", Port.ToString(), "shutdown", "nosave");
        await WaitUntilAsync(listening: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (IsListening())
        {
            await ShutdownAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitUntilAsync(bool listening)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IsListening() != listening)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Redis on port {Port} did not {(listening ? "start" : "stop")} within 10 s");
            }

            await Task.Delay(50);
        }
    }

    private bool IsListening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        // "shutdown" closes the connection before redis-cli reads a reply, so its exit code says nothing; the port does.
        if (process.ExitCode != 0 && program != "redis-cli")
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
