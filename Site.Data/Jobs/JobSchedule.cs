namespace Site.Data.Jobs;

/// <summary>A recurring job: enqueued by the jobs hosts' scheduler whenever its cron expression comes due.</summary>
public sealed class JobSchedule
{
    /// <summary>Stable name, e.g. <c>ip-geolocation</c>.</summary>
    public required string Name { get; init; }

    public required string Description { get; set; }

    public required string JobType { get; set; }

    public required string Queue { get; set; }

    /// <summary>Arguments (JSON) of the job it enqueues.</summary>
    public required string Arguments { get; set; }

    public required string Cron { get; set; }

    /// <summary>IANA time zone the cron expression is read in.</summary>
    public required string TimeZone { get; set; }

    public bool Paused { get; set; }

    /// <summary>The next tick; empty until a jobs host first sees the schedule (or after a resume).</summary>
    public DateTimeOffset? NextRunAt { get; set; }

    public DateTimeOffset? LastEnqueuedAt { get; set; }

    public long? LastJobId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
