namespace Site.Data.Jobs;

/// <summary>One attempt at a job, recorded when it starts and completed when it ends: the jobs history.</summary>
public sealed class JobRun
{
    public long Id { get; init; }

    public long JobId { get; init; }

    public required string JobType { get; init; }

    public required string Queue { get; init; }

    /// <summary>The job's arguments (JSON) as they were for this attempt.</summary>
    public required string Arguments { get; init; }

    public int Attempt { get; init; }

    /// <summary>The jobs host that ran the attempt.</summary>
    public required string Host { get; init; }

    public DateTimeOffset EnqueuedAt { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Time spent in the handler, measured by the host that ran it.</summary>
    public TimeSpan? Duration { get; set; }

    public JobRunOutcome Outcome { get; set; }

    public string? Error { get; set; }
}

/// <summary>How an attempt ended. Stored as snake_case text; the queue's SQL uses the same words.</summary>
public enum JobRunOutcome
{
    Running,
    Succeeded,

    /// <summary>The handler threw, or the job could not be run (unknown type, unreadable arguments).</summary>
    Failed,

    /// <summary>The handler ran past its job type's timeout.</summary>
    TimedOut,

    /// <summary>The host stopped renewing its lease (it died or lost the database); the job went back to the queue.</summary>
    Abandoned,

    /// <summary>The host shut down before the handler finished; the job went back to the queue.</summary>
    Interrupted,
}
