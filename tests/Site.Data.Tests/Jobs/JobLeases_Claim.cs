using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Data.Tests.Jobs;

public class JobLeases_Claim(JobsTestContext context) : IClassFixture<JobsTestContext>, IAsyncLifetime
{
    public Task InitializeAsync() => context.ClearQueueAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ConcurrentClaimersNeverGetTheSameJob()
    {
        const int jobs = 300;
        await using (var db = context.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < jobs; i++)
            {
                await JobQueue.EnqueueAsync(db, new TestSucceeds("many"), new JobEnqueueOptions { IdempotencyKey = "concurrent-" + i });
            }

            await transaction.CommitAsync();
        }

        var claimers = Enumerable.Range(0, 6).Select(n => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (true)
            {
                var batch = await context.Leases.ClaimAsync(JobQueues.Default, 7, "claimer-" + n, TimeSpan.FromMinutes(1), CancellationToken.None);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(j => j.JobId));
            }
        })).ToList();
        var claimed = (await Task.WhenAll(claimers)).SelectMany(ids => ids).ToList();

        Assert.Equal(jobs, claimed.Count);
        Assert.Equal(jobs, claimed.Distinct().Count());
        await using var check = context.CreateContext();
        Assert.Equal(jobs, await check.JobRuns.CountAsync(r => r.Outcome == JobRunOutcome.Running && r.Host.StartsWith("claimer-")));
    }

    [Fact]
    public async Task ClaimingSetsTheLeaseAndRecordsTheRun()
    {
        var enqueued = await context.EnqueueAsync(new TestSucceeds("lease"), new JobEnqueueOptions { IdempotencyKey = "lease-check" });
        var claimed = Assert.Single(await context.Leases.ClaimAsync(JobQueues.Default, 10, "lease-host", TimeSpan.FromSeconds(30), CancellationToken.None),
            j => j.JobId == enqueued.JobId);

        var job = await context.FindJobAsync(enqueued.JobId);
        Assert.Equal(JobStatus.Running, job!.Status);
        Assert.Equal("lease-host", job.LockedBy);
        Assert.Equal(1, job.Attempt);
        Assert.Equal(claimed.RunId, job.RunId);
        Assert.InRange(job.LockedUntil!.Value, DateTimeOffset.UtcNow.AddSeconds(20), DateTimeOffset.UtcNow.AddSeconds(31));
        var run = Assert.Single(await context.RunsOfAsync(enqueued.JobId));
        Assert.Equal((claimed.RunId, "lease-host", 1, "test.succeeds", JobRunOutcome.Running), (run.Id, run.Host, run.Attempt, run.JobType, run.Outcome));
    }

    [Fact]
    public async Task ADelayedJobIsNotClaimedBeforeItsTime()
    {
        var delayed = await context.EnqueueAsync(new TestSucceeds("delayed"),
            new JobEnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddMinutes(5), IdempotencyKey = "delayed" });
        var claimed = await context.Leases.ClaimAsync(JobQueues.Default, 100, "early-host", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.DoesNotContain(claimed, j => j.JobId == delayed.JobId);
        Assert.True(await context.Leases.NextDueAsync(JobQueues.Default, CancellationToken.None) > DateTimeOffset.UtcNow.AddMinutes(4));

        await context.MakeDueAsync(delayed.JobId);
        claimed = await context.Leases.ClaimAsync(JobQueues.Default, 100, "early-host", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Contains(claimed, j => j.JobId == delayed.JobId);
    }

    [Fact]
    public async Task OnlyTheNamedQueueIsClaimed()
    {
        await using var db = context.CreateContext();
        var heavy = await JobQueue.EnqueueAsync(db, new JobRequest("test.succeeds", JobQueues.Heavy, "{}"));
        var claimed = await context.Leases.ClaimAsync(JobQueues.Notifications, 10, "queue-host", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Empty(claimed);
        claimed = await context.Leases.ClaimAsync(JobQueues.Heavy, 10, "queue-host", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(heavy.JobId, Assert.Single(claimed).JobId);
    }
}
