using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Jobs;

namespace Site.Jobs.Maintenance;

/// <summary>Deletes job history past its retention: runs, and failed or cancelled jobs. Scheduled daily by a seeded schedule.</summary>
public sealed record CleanUpJobHistory : IJob
{
    public static JobDefinition Definition { get; } = new("jobs.clean-up-history", JobQueues.Default)
    {
        // Tomorrow's run does the same work, so a failed run is not worth a retry.
        Retry = JobRetryPolicy.Once,
        Timeout = TimeSpan.FromMinutes(10),
    };
}

public sealed class CleanUpJobHistoryHandler(
    IDbContextFactory<SiteDbContext> contexts,
    IOptions<JobsHostOptions> options,
    TimeProvider clock,
    ILogger<CleanUpJobHistoryHandler> logger) : IJobHandler<CleanUpJobHistory>
{
    /// <summary>Rows deleted per statement, so a first clean-up of a large history never holds long locks.</summary>
    private const int BatchSize = 10_000;

    public async Task RunAsync(CleanUpJobHistory job, JobRunContext context, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.HistoryRetention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        long runs = 0, jobs = 0;
        int deleted;
        do
        {
            deleted = await db.JobRuns
                .Where(r => r.StartedAt < cutoff && r.Outcome != JobRunOutcome.Running)
                .OrderBy(r => r.Id).Take(BatchSize)
                .ExecuteDeleteAsync(cancellationToken);
            runs += deleted;
        }
        while (deleted == BatchSize);

        do
        {
            deleted = await db.Jobs
                .Where(j => (j.Status == JobStatus.Failed || j.Status == JobStatus.Cancelled) && j.FinishedAt < cutoff)
                .OrderBy(j => j.Id).Take(BatchSize)
                .ExecuteDeleteAsync(cancellationToken);
            jobs += deleted;
        }
        while (deleted == BatchSize);

        logger.LogInformation("Job history clean-up deleted {Runs} run(s) and {Jobs} failed or cancelled job(s) older than {Cutoff:O}",
            runs, jobs, cutoff);
    }
}
