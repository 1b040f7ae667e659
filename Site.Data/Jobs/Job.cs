namespace Site.Data.Jobs;

/// <summary>
/// A unit of background work in the queue. A job that succeeds leaves the queue (its history stays in
/// <see cref="JobRun"/>); a job that used up its attempts stays as <see cref="JobStatus.Failed"/> until it is retried.
/// </summary>
public sealed class Job
{
    public long Id { get; init; }

    /// <summary>Registered job type name, e.g. <c>jobs.clean-up-history</c>.</summary>
    public required string Type { get; init; }

    public required string Queue { get; init; }

    /// <summary>The job's arguments as JSON.</summary>
    public required string Payload { get; set; }

    public JobStatus Status { get; set; }

    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Not claimed before this time: delayed jobs, debounced jobs and back-off after a failure.</summary>
    public DateTimeOffset RunAt { get; set; }

    /// <summary>Attempts started so far, including ones whose host died.</summary>
    public int Attempt { get; set; }

    /// <summary>At most one pending job per type holds this key; enqueueing again replaces it and moves its run time.</summary>
    public string? DebounceKey { get; init; }

    /// <summary>At most one pending or running job per type holds this key; enqueueing again is a no-op.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The jobs host holding the lease while running.</summary>
    public string? LockedBy { get; set; }

    /// <summary>The lease ends here unless renewed; after that any host may reclaim the job.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The run (row of <c>job_runs</c>) of the current or last attempt; it is the lease token.</summary>
    public long? RunId { get; set; }

    public string? LastError { get; set; }

    /// <summary>When the job ended as failed or cancelled.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>Where a job is in its life. Stored as lower-case text; the queue's SQL uses the same words.</summary>
public enum JobStatus
{
    Pending,
    Running,

    /// <summary>Used up its attempts, or could not be run at all (dead letter); kept with its error, can be retried.</summary>
    Failed,
    Cancelled,
}
