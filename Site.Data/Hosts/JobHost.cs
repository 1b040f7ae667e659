namespace Site.Data.Hosts;

/// <summary>A running (or lately running) jobs host, as its heartbeat last recorded it.</summary>
public sealed class JobHost
{
    /// <summary>Unique per process: machine name, process id and start time.</summary>
    public required string Id { get; init; }

    public required string MachineName { get; init; }

    public required int ProcessId { get; init; }

    public required string Version { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Set when the host stopped cleanly; a host that died keeps it empty and goes stale.</summary>
    public DateTimeOffset? StoppedAt { get; set; }
}
