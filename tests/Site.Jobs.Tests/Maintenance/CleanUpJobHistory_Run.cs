using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Jobs;
using Site.Jobs.Maintenance;
using Site.TestSupport;

namespace Site.Jobs.Tests.Maintenance;

public class CleanUpJobHistory_Run
{
    [Fact]
    public async Task DeletesHistoryOlderThanTheRetention_AndKeepsEverythingElse()
    {
        await using var database = await TestDatabase.CreateAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var db = database.CreateContext())
        {
            db.JobRuns.AddRange(
                Run(now.AddDays(-91), JobRunOutcome.Succeeded),
                Run(now.AddDays(-89), JobRunOutcome.Failed),
                Run(now.AddDays(-200), JobRunOutcome.Running));
            db.Jobs.AddRange(
                Job(JobStatus.Failed, now.AddDays(-95)),
                Job(JobStatus.Cancelled, now.AddDays(-120)),
                Job(JobStatus.Failed, now.AddDays(-10)),
                Job(JobStatus.Pending, null));
            await db.SaveChangesAsync();
        }

        var handler = new CleanUpJobHistoryHandler(new ContextFactory(database), Options.Create(new JobsHostOptions()),
            TimeProvider.System, NullLogger<CleanUpJobHistoryHandler>.Instance);
        await handler.RunAsync(new CleanUpJobHistory(), new JobRunContext(1, 1, 1), CancellationToken.None);

        await using var check = database.CreateContext();
        Assert.Equal([JobRunOutcome.Running, JobRunOutcome.Failed], await check.JobRuns.OrderBy(r => r.StartedAt).Select(r => r.Outcome).ToListAsync());
        Assert.Equal([JobStatus.Failed, JobStatus.Pending], await check.Jobs.OrderBy(j => j.Id).Select(j => j.Status).ToListAsync());
    }

    private static JobRun Run(DateTimeOffset started, JobRunOutcome outcome) => new()
    {
        JobType = "test.old", Queue = JobQueues.Default, Arguments = "{}", Host = "old-host", Attempt = 1,
        EnqueuedAt = started, StartedAt = started, Outcome = outcome,
    };

    private static Job Job(JobStatus status, DateTimeOffset? finished) => new()
    {
        Type = "test.old", Queue = JobQueues.Default, Payload = "{}", Status = status, EnqueuedAt = DateTimeOffset.UtcNow,
        RunAt = DateTimeOffset.UtcNow, FinishedAt = finished,
    };

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<SiteDbContext>
    {
        public SiteDbContext CreateDbContext() => database.CreateContext();
    }
}
