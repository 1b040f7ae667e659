using Microsoft.EntityFrameworkCore;
using Npgsql;
using Site.Data.Hosts;
using Site.Data.Persistence;
using Site.Domain.Hosts;
using Site.Domain.Jobs;

namespace Site.Data.Jobs;

/// <summary>A queue at a glance: due and delayed jobs, running ones, dead letters, and how long the oldest has waited.</summary>
public sealed record QueueSummary(string Queue, long Due, long Delayed, long Running, long Failed, TimeSpan? OldestWait);

public enum JobHostState
{
    Alive,
    Lost,
    Stopped,
}

/// <summary>A jobs host and whether its heartbeat says it is alive.</summary>
public sealed record JobHostStatus(JobHost Host, JobHostState State);

/// <summary>Which jobs to list: by status and by a part of the type name.</summary>
public sealed record JobFilter(JobStatus? Status = null, string? TypeContains = null, int Limit = 100);

/// <summary>Which runs to list: by a part of the type name and by outcome.</summary>
public sealed record JobRunFilter(string? TypeContains = null, JobRunOutcome? Outcome = null, int Limit = 100);

/// <summary>The answer to an admin action: done, or refused with a sentence saying why.</summary>
public sealed record JobCommandResult(bool Succeeded, string Message)
{
    public static JobCommandResult Done(string message) => new(true, message);

    public static JobCommandResult Refused(string message) => new(false, message);
}

/// <summary>What the admin's jobs screen reads, and the actions it takes on single jobs.</summary>
public sealed class JobMonitor(IDbContextFactory<SiteDbContext> contexts, TimeProvider clock)
{
    public const int MaxListLength = 500;

    /// <summary>Every known queue, with zeros for empty ones, plus any other queue that holds jobs.</summary>
    public async Task<IReadOnlyList<QueueSummary>> QueuesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await db.Jobs
            .Where(j => j.Status != JobStatus.Cancelled)
            .GroupBy(j => j.Queue)
            .Select(g => new
            {
                Queue = g.Key,
                Due = g.LongCount(j => j.Status == JobStatus.Pending && j.RunAt <= now),
                Delayed = g.LongCount(j => j.Status == JobStatus.Pending && j.RunAt > now),
                Running = g.LongCount(j => j.Status == JobStatus.Running),
                Failed = g.LongCount(j => j.Status == JobStatus.Failed),
                OldestDue = g.Where(j => j.Status == JobStatus.Pending && j.RunAt <= now).Min(j => (DateTimeOffset?)j.RunAt),
            })
            .ToListAsync(cancellationToken);
        var byQueue = rows.ToDictionary(r => r.Queue);
        return JobQueues.All.Concat(byQueue.Keys.Except(JobQueues.All).Order())
            .Select(queue => byQueue.TryGetValue(queue, out var r)
                ? new QueueSummary(queue, r.Due, r.Delayed, r.Running, r.Failed, r.OldestDue is { } oldest ? now - oldest : null)
                : new QueueSummary(queue, 0, 0, 0, 0, null))
            .ToList();
    }

    /// <summary>Hosts that are running, plus those that stopped or were lost within the last day.</summary>
    public async Task<IReadOnlyList<JobHostStatus>> HostsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var since = now.AddDays(-1);
        var hosts = await db.JobHosts.AsNoTracking()
            .Where(h => h.LastSeenAt >= since || h.StoppedAt == null)
            .OrderByDescending(h => h.LastSeenAt)
            .Take(50)
            .ToListAsync(cancellationToken);
        return hosts.Select(h => new JobHostStatus(h,
                h.StoppedAt is not null ? JobHostState.Stopped
                : JobHostLiveness.IsAlive(h.LastSeenAt, now) ? JobHostState.Alive
                : JobHostState.Lost))
            .ToList();
    }

    public async Task<IReadOnlyList<Job>> JobsAsync(JobFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Jobs.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(j => j.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.TypeContains))
        {
            var part = filter.TypeContains.Trim();
            query = query.Where(j => j.Type.Contains(part));
        }

        return await query.OrderBy(j => j.RunAt).ThenBy(j => j.Id)
            .Take(Math.Clamp(filter.Limit, 1, MaxListLength))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<JobRun>> RunsAsync(JobRunFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.JobRuns.AsNoTracking();
        if (filter.Outcome is { } outcome)
        {
            query = query.Where(r => r.Outcome == outcome);
        }

        if (!string.IsNullOrWhiteSpace(filter.TypeContains))
        {
            var part = filter.TypeContains.Trim();
            query = query.Where(r => r.JobType.Contains(part));
        }

        return await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(Math.Clamp(filter.Limit, 1, MaxListLength))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Puts a failed or cancelled job back in the queue with fresh attempts; its last error stays visible.</summary>
    public async Task<JobCommandResult> RetryAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        try
        {
            var updated = await db.Jobs
                .Where(j => j.Id == jobId && (j.Status == JobStatus.Failed || j.Status == JobStatus.Cancelled))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.Status, JobStatus.Pending)
                    .SetProperty(j => j.Attempt, 0)
                    .SetProperty(j => j.RunAt, now)
                    .SetProperty(j => j.FinishedAt, (DateTimeOffset?)null), cancellationToken);
            return updated == 1
                ? JobCommandResult.Done($"Job {jobId} is queued again.")
                : await RefusalAsync(db, jobId, "only failed or cancelled jobs can be retried", cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return JobCommandResult.Refused(
                $"Job {jobId} cannot be retried: a job of the same type with the same key is already queued, so it would run twice.");
        }
    }

    /// <summary>Cancels a job that has not started; it stays listed as cancelled and can be retried.</summary>
    public async Task<JobCommandResult> CancelAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var updated = await db.Jobs
            .Where(j => j.Id == jobId && j.Status == JobStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, JobStatus.Cancelled)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
        return updated == 1
            ? JobCommandResult.Done($"Job {jobId} is cancelled.")
            : await RefusalAsync(db, jobId, "only pending jobs can be cancelled", cancellationToken);
    }

    private static async Task<JobCommandResult> RefusalAsync(SiteDbContext db, long jobId, string rule, CancellationToken cancellationToken)
    {
        var status = await db.Jobs.Where(j => j.Id == jobId).Select(j => (JobStatus?)j.Status).FirstOrDefaultAsync(cancellationToken);
        return JobCommandResult.Refused(status is null
            ? $"Job {jobId} is no longer in the queue (it finished, or never existed)."
            : $"Job {jobId} is {status.ToString()!.ToLowerInvariant()}: {rule}.");
    }
}
