using Microsoft.EntityFrameworkCore;
using Npgsql;
using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Data.Tests.Jobs;

public class JobQueue_Enqueue(JobsTestContext context) : IClassFixture<JobsTestContext>
{
    [Fact]
    public async Task JoinsTheCallersTransaction_SoARollbackLeavesNoJob()
    {
        long rolledBack, committed;
        await using (var db = context.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            rolledBack = (await JobQueue.EnqueueAsync(db, new TestSucceeds("rolled back"))).JobId;
            await transaction.RollbackAsync();
        }

        await using (var db = context.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            committed = (await JobQueue.EnqueueAsync(db, new TestSucceeds("committed"))).JobId;
            await transaction.CommitAsync();
        }

        Assert.Null(await context.FindJobAsync(rolledBack));
        var job = await context.FindJobAsync(committed);
        Assert.NotNull(job);
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.Equal("test.succeeds", job.Type);
        Assert.Equal(JobQueues.Default, job.Queue);
        Assert.Contains("\"note\": \"committed\"", job.Payload);
    }

    [Fact]
    public async Task WakesWorkersOnlyWhenTheTransactionCommits()
    {
        await using var listener = new NpgsqlConnection(context.Database.ConnectionString);
        await listener.OpenAsync();
        var woken = new List<string>();
        listener.Notification += (_, e) => woken.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {JobChannels.Wake}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await using var db = context.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await JobQueue.EnqueueAsync(db, new TestSucceeds("notify"));
        await listener.WaitAsync(TimeSpan.FromMilliseconds(300));
        Assert.Empty(woken);

        await transaction.CommitAsync();
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5)), "no NOTIFY arrived after the commit");
        Assert.Equal([JobQueues.Default], woken);
    }

    [Fact]
    public async Task RunAtDelaysTheJob()
    {
        var runAt = DateTimeOffset.UtcNow.AddHours(1);
        var enqueued = await context.EnqueueAsync(new TestSucceeds("later"), new JobEnqueueOptions { RunAt = runAt });
        var job = await context.FindJobAsync(enqueued.JobId);
        Assert.Equal(runAt, job!.RunAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task ADebounceKeyReplacesThePendingJob_AndMovesItsRunTime()
    {
        var key = "album-" + Guid.NewGuid();
        var first = await context.EnqueueAsync(new TestSucceeds("first"),
            new JobEnqueueOptions { DebounceKey = key, RunAt = DateTimeOffset.UtcNow.AddSeconds(30) });
        var laterRun = DateTimeOffset.UtcNow.AddSeconds(60);
        var second = await context.EnqueueAsync(new TestSucceeds("second"), new JobEnqueueOptions { DebounceKey = key, RunAt = laterRun });

        Assert.Equal(JobEnqueueOutcome.Enqueued, first.Outcome);
        Assert.Equal(JobEnqueueOutcome.Debounced, second.Outcome);
        Assert.Equal(first.JobId, second.JobId);
        var job = await context.FindJobAsync(first.JobId);
        Assert.Contains("second", job!.Payload);
        Assert.Equal(laterRun, job.RunAt, TimeSpan.FromMilliseconds(1));
        await using var db = context.CreateContext();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.DebounceKey == key));
    }

    [Fact]
    public async Task AnIdempotencyKeyQueuesTheWorkOnce_WhilePendingOrRunning()
    {
        var key = "report-" + Guid.NewGuid();
        var options = new JobEnqueueOptions { IdempotencyKey = key };
        var first = await context.EnqueueAsync(new TestSucceeds("once"), options);
        var again = await context.EnqueueAsync(new TestSucceeds("twice"), options);
        Assert.Equal(JobEnqueueOutcome.AlreadyQueued, again.Outcome);
        Assert.Equal(first.JobId, again.JobId);

        await context.Leases.ClaimAsync(JobQueues.Default, 100, "idempotency-host", TimeSpan.FromMinutes(1), CancellationToken.None);
        var whileRunning = await context.EnqueueAsync(new TestSucceeds("thrice"), options);
        Assert.Equal(JobEnqueueOutcome.AlreadyQueued, whileRunning.Outcome);
    }

    public static TheoryData<JobRequest, JobEnqueueOptions?, string> MalformedRequests => new()
    {
        { new JobRequest("", JobQueues.Default, "{}"), null, "not a job type name" },
        { new JobRequest("Robert'); DROP TABLE jobs;--", JobQueues.Default, "{}"), null, "not a job type name" },
        { new JobRequest("test.succeeds", "express", "{}"), null, "not a queue" },
        { new JobRequest("test.succeeds", JobQueues.Default, "{not json"), null, "not valid JSON" },
        { new JobRequest("test.succeeds", JobQueues.Default, "[1,2]"), null, "JSON object" },
        { new JobRequest("test.succeeds", JobQueues.Default, "{}"), new JobEnqueueOptions { DebounceKey = "a", IdempotencyKey = "b" }, "not both" },
        { new JobRequest("test.succeeds", JobQueues.Default, "{}"), new JobEnqueueOptions { DebounceKey = new string('k', 201) }, "debounce key" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task RefusesMalformedRequestsWithTheReason_AndAddsNothing(JobRequest request, JobEnqueueOptions? options, string reason)
    {
        await using var db = context.CreateContext();
        var before = await db.Jobs.CountAsync();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => JobQueue.EnqueueAsync(db, request, options));
        Assert.Contains(reason, ex.Message);
        Assert.Equal(before, await db.Jobs.CountAsync());
    }
}
