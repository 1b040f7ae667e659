using System.Diagnostics;
using Site.Data.Hosting;
using Site.Data.Hosts;

namespace Site.Jobs.Heartbeat;

/// <summary>Who this jobs process is: one identity per process, used in heartbeats (and later in job claims).</summary>
public sealed class JobHostIdentity
{
    public JobHostIdentity(TimeProvider clock)
    {
        StartedAt = clock.GetUtcNow();
        ProcessId = Environment.ProcessId;
        Id = $"{Environment.MachineName}:{ProcessId}:{StartedAt.ToUnixTimeMilliseconds()}";
    }

    public string Id { get; }

    public int ProcessId { get; }

    public DateTimeOffset StartedAt { get; }

    public JobHost ToRecord() => new()
    {
        Id = Id,
        MachineName = Environment.MachineName,
        ProcessId = ProcessId,
        Version = SiteHostDefaults.Version,
        StartedAt = StartedAt,
    };
}
