using System.Diagnostics;
using System.Text;

namespace Site.TestSupport;

/// <summary>
/// One of our hosts running as a real process (<c>dotnet Site.Jobs.dll</c>), the way an operator starts it: settings
/// come from environment variables, and it is stopped with SIGTERM as a container runtime would. Output is kept so
/// a failed test can show what the host said.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private HostProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardOutput
    {
        get { lock (_stdout) { return _stdout.ToString(); } }
    }

    public string StandardError
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    /// <summary>Everything the process printed, for assertion messages.</summary>
    public string Output => $"--- stderr ---\n{StandardError}\n--- stdout ---\n{StandardOutput}";

    /// <summary>
    /// Starts <paramref name="project"/>'s built entry assembly with <paramref name="environment"/> added to this
    /// process's environment. The working folder is the assembly's folder, so its appsettings.json is the one read.
    /// </summary>
    public static HostProcess Start(string project, IReadOnlyDictionary<string, string?> environment)
    {
        var assembly = BuiltHost.EntryAssembly(project);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);

        // Settings of the test run's own environment must not leak into the host under test.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Site__", StringComparison.Ordinal)
                     || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => Append(host._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(host._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for the process to end; false when it was still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends SIGTERM, the signal a container runtime or systemd uses to ask for a clean stop (Process.Kill would
    /// send SIGKILL, which no program can handle).
    /// </summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString()]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}");
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

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
