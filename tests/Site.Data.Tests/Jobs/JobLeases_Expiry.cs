using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Data.Tests.Jobs;

public class JobLeases_Expiry(JobsTestContext context) : IClassFixture<JobsTestContext>, IAsyncLifetime
{
    public Task InitializeAsync() => context.ClearQueueAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnExpiredLeaseIsReclaimed_AndTheJobCompletesExactlyOnce()
    {
        var enqueued = await context.EnqueueAsync(new TestSucceeds("reclaim"));
        var first = Assert.Single(await context.Leases.ClaimAsync(JobQueues.Default, 1, "dying-host", TimeSpan.FromMilliseconds(300), CancellationToken.None));
        await Task.Delay(500);

        Assert.Equal(1, await context.Leases.ReclaimExpiredAsync(CancellationToken.None));
        var second = Assert.Single(await context.Leases.ClaimAsync(JobQueues.Default, 1, "healthy-host", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(first.JobId, second.JobId);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(2, second.Attempt);

        // The first host comes back to life and reports success: refused, the job belongs to the second attempt now.
        var late = await context.Leases.RecordAsync([new JobRunResult(first.RunId, JobRunOutcome.Succeeded, JobFollowUp.Remove, TimeSpan.FromSeconds(1))], CancellationToken.None);
        Assert.Empty(late);
        Assert.NotNull(await context.FindJobAsync(enqueued.JobId));

        var onTime = await context.Leases.RecordAsync([new JobRunResult(second.RunId, JobRunOutcome.Succeeded, JobFollowUp.Remove, TimeSpan.FromSeconds(1))], CancellationToken.None);
        Assert.Equal([second.RunId], onTime);
        Assert.Null(await context.FindJobAsync(enqueued.JobId));
        var again = await context.Leases.RecordAsync([new JobRunResult(second.RunId, JobRunOutcome.Succeeded, JobFollowUp.Remove, TimeSpan.FromSeconds(1))], CancellationToken.None);
        Assert.Empty(again);

        var runs = await context.RunsOfAsync(enqueued.JobId);
        Assert.Equal([JobRunOutcome.Abandoned, JobRunOutcome.Succeeded], runs.Select(r => r.Outcome));
        Assert.Contains("dying-host stopped renewing its lease", runs[0].Error);
        Assert.Equal(["dying-host", "healthy-host"], runs.Select(r => r.Host));
    }

    [Fact]
    public async Task RenewingKeepsTheLease_AndReportsLeasesThatAreGone()
    {
        await context.EnqueueAsync(new TestSucceeds("renew"));
        var claimed = Assert.Single(await context.Leases.ClaimAsync(JobQueues.Default, 1, "renewing-host", TimeSpan.FromMilliseconds(400), CancellationToken.None));
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(200);
            var renewed = await context.Leases.RenewAsync("renewing-host", [claimed.RunId, 999_999], TimeSpan.FromMilliseconds(400), CancellationToken.None);
            Assert.Equal([claimed.RunId], renewed);
            Assert.Equal(0, await context.Leases.ReclaimExpiredAsync(CancellationToken.None));
        }

        Assert.Empty(await context.Leases.RenewAsync("another-host", [claimed.RunId], TimeSpan.FromSeconds(1), CancellationToken.None));
        await context.Leases.RecordAsync([new JobRunResult(claimed.RunId, JobRunOutcome.Succeeded, JobFollowUp.Remove, TimeSpan.Zero)], CancellationToken.None);
    }

    [Fact]
    public async Task AReleasedJobGoesBackWithoutUsingAnAttempt()
    {
        var enqueued = await context.EnqueueAsync(new TestSucceeds("release"));
        var claimed = Assert.Single(await context.Leases.ClaimAsync(JobQueues.Default, 1, "stopping-host", TimeSpan.FromMinutes(1), CancellationToken.None));
        await context.Leases.RecordAsync([new JobRunResult(claimed.RunId, JobRunOutcome.Interrupted, JobFollowUp.Release, TimeSpan.FromSeconds(2), "host stopped")], CancellationToken.None);

        var job = await context.FindJobAsync(enqueued.JobId);
        Assert.Equal((JobStatus.Pending, 0, (string?)null), (job!.Status, job.Attempt, job.LockedBy));
        Assert.Equal(JobRunOutcome.Interrupted, Assert.Single(await context.RunsOfAsync(enqueued.JobId)).Outcome);
        var reclaimed = Assert.Single(await context.Leases.ClaimAsync(JobQueues.Default, 1, "next-host", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(1, reclaimed.Attempt);
        await context.Leases.RecordAsync([new JobRunResult(reclaimed.RunId, JobRunOutcome.Succeeded, JobFollowUp.Remove, TimeSpan.Zero)], CancellationToken.None);
    }
}
