using System.Threading.Channels;
using Npgsql;
using Site.Data.Jobs;

namespace Site.Jobs.Workers;

/// <summary>
/// Records attempt results in batches: whatever finished while the previous batch was being written goes into the
/// next one, so a busy host writes many results per transaction and an idle one writes each at once. A write that
/// fails (database restarting) is retried until it succeeds or the host gives up at the end of its shutdown.
/// </summary>
internal sealed class JobResultWriter(JobLeases leases, NpgsqlDataSource database, ILogger logger)
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    private readonly Channel<PendingResult> _pending = Channel.CreateUnbounded<PendingResult>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Queues <paramref name="result"/>; the task ends when it is recorded (or can no longer be). Then one slot of
    /// <paramref name="slot"/> is released, together with the slots of the rest of the batch: the queue's claim loop
    /// wakes once to a batch of free slots and claims as many jobs in one statement, instead of one per result.
    /// </summary>
    public Task RecordAsync(JobRunResult result, ClaimedJob job, SemaphoreSlim? slot = null)
    {
        var pending = new PendingResult(result, job, slot, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_pending.Writer.TryWrite(pending))
        {
            return pending.Recorded.Task;
        }

        slot?.Release();
        return Task.CompletedTask;
    }

    /// <summary>No more results will come; <see cref="RunAsync"/> ends once the queued ones are written.</summary>
    public void Complete() => _pending.Writer.TryComplete();

    public async Task RunAsync(CancellationToken giveUp)
    {
        var batch = new List<PendingResult>(MaxBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(giveUp))
            {
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await WriteAsync(batch, giveUp);
                Finish(batch);
            }
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            // A single-reader channel cannot count what it holds, so drain it first and count the batch.
            while (_pending.Reader.TryRead(out var left))
            {
                batch.Add(left);
            }

            if (batch.Count > 0)
            {
                logger.LogWarning("{Count} job result(s) could not be recorded before the host stopped; their leases will expire and the jobs run again",
                    batch.Count);
            }

            Finish(batch);
        }
    }

    private static void Finish(List<PendingResult> batch)
    {
        foreach (var queue in batch.Where(p => p.Slot is not null).GroupBy(p => p.Slot!))
        {
            queue.Key.Release(queue.Count());
        }

        batch.ForEach(p => p.Recorded.TrySetResult());
        batch.Clear();
    }

    private async Task WriteAsync(List<PendingResult> batch, CancellationToken giveUp)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        for (var failures = 0; ; failures++)
        {
            try
            {
                var recorded = await leases.RecordAsync(batch.Select(p => p.Result).ToList(), giveUp);
                foreach (var lost in batch.Where(p => !recorded.Contains(p.Result.RunId)))
                {
                    logger.LogWarning("Job {JobId} ({JobType}) finished after its lease was taken over; its result ({Outcome}) is dropped and the attempt that holds it now counts",
                        lost.Job.JobId, lost.Job.Type, lost.Result.Outcome);
                }

                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException && !giveUp.IsCancellationRequested)
            {
                if (failures == 0)
                {
                    logger.LogWarning(ex, "Cannot record {Count} job result(s); retrying until the database answers", batch.Count);
                }

                database.Clear();
                await Task.Delay(pause, giveUp);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    private sealed record PendingResult(JobRunResult Result, ClaimedJob Job, SemaphoreSlim? Slot, TaskCompletionSource Recorded);
}
