using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Data.Tests.Jobs;

public class JobExecutor_Execute(JobsTestContext context) : IClassFixture<JobsTestContext>, IAsyncLifetime
{
    public Task InitializeAsync() => context.ClearQueueAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ASuccessfulJobLeavesTheQueue_AndItsRunIsRecorded()
    {
        var enqueued = await context.EnqueueAsync(new TestSucceeds("ok"));
        var (_, result) = await context.RunNextAsync();

        Assert.Equal(JobRunOutcome.Succeeded, result!.Outcome);
        Assert.Null(await context.FindJobAsync(enqueued.JobId));
        var run = Assert.Single(await context.RunsOfAsync(enqueued.JobId));
        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        Assert.NotNull(run.FinishedAt);
        Assert.NotNull(run.Duration);
        Assert.Contains("\"note\": \"ok\"", run.Arguments);
    }

    [Fact]
    public async Task AnUnknownTypeFailsForGoodWithAClearMessage_AndTheNextJobStillRuns()
    {
        await using (var db = context.CreateContext())
        {
            await JobQueue.EnqueueAsync(db, new JobRequest("photos.process", JobQueues.Default, "{}"));
        }

        var next = await context.EnqueueAsync(new TestSucceeds("after the unknown one"));
        var (unknown, result) = await context.RunNextAsync();

        Assert.Equal((JobRunOutcome.Failed, JobFollowUp.DeadLetter), (result!.Outcome, result.FollowUp));
        var job = await context.FindJobAsync(unknown.JobId);
        Assert.Equal(JobStatus.Failed, job!.Status);
        Assert.Contains("No handler registered for job type 'photos.process'", job.LastError);
        Assert.NotNull(job.FinishedAt);

        var (following, followingResult) = await context.RunNextAsync();
        Assert.Equal(next.JobId, following.JobId);
        Assert.Equal(JobRunOutcome.Succeeded, followingResult!.Outcome);
    }

    [Fact]
    public async Task UnreadableArgumentsFailForGoodWithAClearMessage()
    {
        await using (var db = context.CreateContext())
        {
            await JobQueue.EnqueueAsync(db, new JobRequest("test.succeeds", JobQueues.Default, """{"note": {"nested": true}}"""));
        }

        var (claimed, result) = await context.RunNextAsync();
        Assert.Equal(JobFollowUp.DeadLetter, result!.FollowUp);
        Assert.Contains("cannot be read as TestSucceeds", (await context.FindJobAsync(claimed.JobId))!.LastError);
    }

    [Fact]
    public async Task AFailingJobIsRetriedWithBackOff_ThenKeptAsADeadLetter_AndCanBeRetried()
    {
        var enqueued = await context.EnqueueAsync(new TestFails());

        var before = DateTimeOffset.UtcNow;
        var (_, first) = await context.RunNextAsync();
        Assert.Equal((JobRunOutcome.Failed, JobFollowUp.Retry, TimeSpan.FromSeconds(30)), (first!.Outcome, first.FollowUp, first.RetryDelay));
        var waiting = await context.FindJobAsync(enqueued.JobId);
        Assert.Equal(JobStatus.Pending, waiting!.Status);
        Assert.InRange(waiting.RunAt, before.AddSeconds(29), DateTimeOffset.UtcNow.AddSeconds(31));
        Assert.Contains("Deliberate failure on attempt 1", waiting.LastError);

        await context.MakeDueAsync(enqueued.JobId);
        var (_, second) = await context.RunNextAsync();
        Assert.Equal(JobFollowUp.DeadLetter, second!.FollowUp);
        var dead = await context.FindJobAsync(enqueued.JobId);
        Assert.Equal((JobStatus.Failed, 2), (dead!.Status, dead.Attempt));
        Assert.Contains("Deliberate failure on attempt 2", dead.LastError);
        Assert.Equal(2, (await context.RunsOfAsync(enqueued.JobId)).Count(r => r.Outcome == JobRunOutcome.Failed));

        var retried = await context.Monitor.RetryAsync(enqueued.JobId, CancellationToken.None);
        Assert.True(retried.Succeeded, retried.Message);
        var again = await context.FindJobAsync(enqueued.JobId);
        Assert.Equal((JobStatus.Pending, 0), (again!.Status, again.Attempt));
        var (_, third) = await context.RunNextAsync();
        Assert.Equal(JobFollowUp.Retry, third!.FollowUp);
    }

    [Fact]
    public async Task AJobPastItsTimeoutIsCancelledAndRecordedAsTimedOut()
    {
        var enqueued = await context.EnqueueAsync(new TestHangs());
        var (_, result) = await context.RunNextAsync();
        Assert.Equal((JobRunOutcome.TimedOut, JobFollowUp.DeadLetter), (result!.Outcome, result.FollowUp));
        Assert.Contains("Timed out", (await context.FindJobAsync(enqueued.JobId))!.LastError);
    }

    [Fact]
    public async Task AJobWhoseEarlierAttemptsAllDiedIsNotTriedAgain()
    {
        var enqueued = await context.EnqueueAsync(new TestFails());
        await using (var db = context.CreateContext())
        {
            await db.Jobs.Where(j => j.Id == enqueued.JobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Attempt, 2));
        }

        var (_, result) = await context.RunNextAsync();
        Assert.Equal(JobFollowUp.DeadLetter, result!.FollowUp);
        Assert.Contains("Gave up", result.Error);
    }

    [Fact]
    public async Task ALostLeaseLeavesTheResultToTheAttemptThatOwnsTheJob()
    {
        await context.EnqueueAsync(new TestHangs());
        var claimed = Assert.Single(await context.Leases.ClaimAsync(JobQueues.Default, 1, "slow-host", TimeSpan.FromMinutes(1), CancellationToken.None));
        using var leaseLost = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.Null(await context.Executor.ExecuteAsync(claimed, CancellationToken.None, leaseLost.Token));
    }

    [Fact]
    public async Task AJobInterruptedByShutdownIsReleased()
    {
        await context.EnqueueAsync(new TestHangs());
        var claimed = Assert.Single(await context.Leases.ClaimAsync(JobQueues.Default, 1, "stopping-host", TimeSpan.FromMinutes(1), CancellationToken.None));
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var result = await context.Executor.ExecuteAsync(claimed, stopping.Token, CancellationToken.None);
        Assert.Equal((JobRunOutcome.Interrupted, JobFollowUp.Release), (result!.Outcome, result.FollowUp));
        await context.Leases.RecordAsync([result], CancellationToken.None);
    }
}
