using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Data.Tests.Jobs;

public class JobMonitor_Actions(JobsTestContext context) : IClassFixture<JobsTestContext>, IAsyncLifetime
{
    public Task InitializeAsync() => context.ClearQueueAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CancelsAPendingJob_AndRefusesToCancelOneThatRuns()
    {
        var pending = await context.EnqueueAsync(new TestSucceeds("cancel me"), new JobEnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });
        var cancelled = await context.Monitor.CancelAsync(pending.JobId, CancellationToken.None);
        Assert.True(cancelled.Succeeded, cancelled.Message);
        Assert.Equal(JobStatus.Cancelled, (await context.FindJobAsync(pending.JobId))!.Status);

        var running = await context.EnqueueAsync(new TestSucceeds("running"));
        await context.Leases.ClaimAsync(JobQueues.Default, 10, "busy-host", TimeSpan.FromMinutes(1), CancellationToken.None);
        var refused = await context.Monitor.CancelAsync(running.JobId, CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Contains("is running", refused.Message);
        Assert.False((await context.Monitor.CancelAsync(987_654, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task RefusesToRetryAPendingJob()
    {
        var pending = await context.EnqueueAsync(new TestSucceeds("pending"));
        var refused = await context.Monitor.RetryAsync(pending.JobId, CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Contains("only failed or cancelled", refused.Message);
    }

    [Fact]
    public async Task RefusesARetryThatWouldQueueTheSameWorkTwice()
    {
        var options = new JobEnqueueOptions { IdempotencyKey = "unique-work" };
        var first = await context.EnqueueAsync(new TestSucceeds("first"), options);
        Assert.True((await context.Monitor.CancelAsync(first.JobId, CancellationToken.None)).Succeeded);
        await context.EnqueueAsync(new TestSucceeds("second"), options);

        var refused = await context.Monitor.RetryAsync(first.JobId, CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Contains("already queued", refused.Message);
        Assert.Equal(JobStatus.Cancelled, (await context.FindJobAsync(first.JobId))!.Status);
    }

    [Fact]
    public async Task SummarisesEveryQueue()
    {
        await context.EnqueueAsync(new TestSucceeds("due"));
        await context.EnqueueAsync(new TestSucceeds("later"), new JobEnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });
        var queues = await context.Monitor.QueuesAsync(CancellationToken.None);

        Assert.Equal(JobQueues.All, queues.Select(q => q.Queue));
        var queue = queues.Single(q => q.Queue == JobQueues.Default);
        Assert.Equal((1, 1), (queue.Due, queue.Delayed));
        Assert.NotNull(queue.OldestWait);
        Assert.Equal(0, queues.Single(q => q.Queue == JobQueues.Heavy).Due);
    }

    [Fact]
    public async Task RecordsRunDurationsOnTheSiteJobsMeter()
    {
        var recorded = new List<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JobsMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => recorded.Add((instrument.Name, value)));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => recorded.Add((instrument.Name, value)));
        listener.Start();

        await context.EnqueueAsync(new TestSucceeds("measured"));
        await context.RunNextAsync();
        context.Services.GetRequiredService<JobsMetrics>().UpdateQueues(await context.Monitor.QueuesAsync(CancellationToken.None));
        listener.RecordObservableInstruments();

        Assert.Contains(recorded, m => m.Instrument == "site.jobs.run.duration");
        Assert.Contains(recorded, m => m.Instrument == "site.jobs.queue.depth");
    }
}
