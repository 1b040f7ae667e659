using Site.Data.Configuration;
using Site.Domain.Jobs;

namespace Site.Jobs;

/// <summary>Settings under <c>Site:Jobs</c>.</summary>
public sealed class JobsHostOptions : ISiteOptions
{
    public const string Section = "Site:Jobs";

    /// <summary>File touched at every heartbeat; the container health check reads its age.</summary>
    public string HeartbeatFile { get; set; } = Path.Combine(Path.GetTempPath(), "site-jobs.heartbeat");

    /// <summary>How long running jobs may take to finish after SIGTERM; the rest are then put back in the queue.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a claimed job stays ours without renewal. The host renews every third of it; a job whose host died is
    /// reclaimed by another host once it runs out, so shorter means faster recovery and more renewal writes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often each queue looks for due jobs when no notification woke it (a safety net for lost NOTIFYs).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Jobs of a queue running at once on this host. The heavy queue (Chromium) is kept at 1 by default.</summary>
    public Dictionary<string, int> Concurrency { get; set; } = new()
    {
        [JobQueues.Heavy] = 1,
        [JobQueues.Notifications] = 4,
        [JobQueues.Default] = 8,
    };

    /// <summary>How long job runs (and failed or cancelled jobs) are kept before the history clean-up deletes them.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Registers the diagnostics job type (<c>diagnostics.sleep</c>), used by the reliability tests and the benchmark to
    /// push jobs of a known length through a real host. Off in production: nothing enqueues it there.
    /// </summary>
    public bool EnableDiagnosticJobs { get; set; }

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (string.IsNullOrWhiteSpace(HeartbeatFile))
        {
            yield return $"{sectionPath}:HeartbeatFile is required.";
        }

        if (ShutdownGracePeriod < TimeSpan.Zero || ShutdownGracePeriod > TimeSpan.FromMinutes(10))
        {
            yield return $"{sectionPath}:ShutdownGracePeriod must be between 00:00:00 and 00:10:00, not {ShutdownGracePeriod}.";
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration > TimeSpan.FromHours(1))
        {
            yield return $"{sectionPath}:LeaseDuration must be between 00:00:01 and 01:00:00, not {LeaseDuration}.";
        }

        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromMinutes(5))
        {
            yield return $"{sectionPath}:PollInterval must be between 00:00:00.1 and 00:05:00, not {PollInterval}.";
        }

        foreach (var (queue, concurrency) in Concurrency)
        {
            if (!JobQueues.IsKnown(queue))
            {
                yield return $"{sectionPath}:Concurrency:{queue} names no queue; the queues are {string.Join(", ", JobQueues.All)}.";
            }
            else if (concurrency is < 0 or > 256)
            {
                yield return $"{sectionPath}:Concurrency:{queue} must be between 0 (the queue is not run here) and 256, not {concurrency}.";
            }
        }

        if (HistoryRetention < TimeSpan.FromDays(1))
        {
            yield return $"{sectionPath}:HistoryRetention must be at least one day, not {HistoryRetention}.";
        }
    }

    /// <summary>Jobs of <paramref name="queue"/> this host runs at once; a queue left out of the settings runs one at a time.</summary>
    public int ConcurrencyOf(string queue) => Concurrency.TryGetValue(queue, out var value) ? value : 1;
}
