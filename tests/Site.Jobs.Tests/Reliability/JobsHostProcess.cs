using System.Collections.Concurrent;
using System.Diagnostics;
using Site.TestSupport;

namespace Site.Jobs.Tests.Reliability;

/// <summary>
/// A real jobs host: <c>dotnet Site.Jobs.dll</c> from the build output, as its own process, with short leases so that
/// recovery is quick to observe and the diagnostics job type switched on. Its output is kept for failure messages.
/// </summary>
public sealed class JobsHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private JobsHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _output);

    public static JobsHostProcess Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(TestServices.RepositoryRoot, "Site.Jobs", "bin", Configuration, "net10.0", "Site.Jobs.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first (./test does).");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__Console__FormatterName"] = "simple",
            ["Site__Database__ConnectionString"] = connectionString,
            ["Site__Jobs__EnableDiagnosticJobs"] = "true",
            ["Site__Jobs__LeaseDuration"] = Lease.ToString(),
            ["Site__Jobs__PollInterval"] = "00:00:01",
            ["Site__Jobs__HeartbeatFile"] = Path.Combine(Path.GetTempPath(), $"site-jobs-test-{Guid.NewGuid():N}.heartbeat"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new JobsHostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>SIGKILL: the process dies at once, without any shutdown code.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: what a container runtime sends to stop the host.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed");
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif
}
