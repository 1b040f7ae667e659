using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Site.Data.Jobs;

/// <summary>
/// Runs one claimed attempt: finds the handler, reads the arguments, enforces the timeout, and turns whatever happens
/// into a <see cref="JobRunResult"/>. A job that cannot be run at all (unknown type, unreadable arguments) becomes a
/// dead letter with a message saying why; nothing here throws, so the worker always goes on.
/// </summary>
public sealed class JobExecutor(JobHandlerRegistry registry, IServiceScopeFactory scopes, JobsMetrics metrics, ILogger<JobExecutor> logger)
{
    /// <summary>Errors are kept whole enough to debug, but a runaway message must not bloat the history.</summary>
    public const int MaxErrorLength = 8000;

    /// <summary>
    /// Runs <paramref name="job"/>. <paramref name="stopping"/> fires when the host's grace period is over;
    /// <paramref name="leaseLost"/> when another host reclaimed the job. Returns null when the lease was lost:
    /// the result belongs to the attempt that owns the job now.
    /// </summary>
    public async Task<JobRunResult?> ExecuteAsync(ClaimedJob job, CancellationToken stopping, CancellationToken leaseLost)
    {
        var started = Stopwatch.GetTimestamp();
        var registration = registry.Find(job.Type);
        if (registration is null)
        {
            return Finish(job, started, JobRunOutcome.Failed, JobFollowUp.DeadLetter,
                $"No handler registered for job type '{job.Type}' on this jobs host: deploy a version that has it, then retry the job.");
        }

        object payload;
        try
        {
            payload = JobPayloads.Deserialize(job.Payload, registration.PayloadType);
        }
        catch (JsonException ex)
        {
            return Finish(job, started, JobRunOutcome.Failed, JobFollowUp.DeadLetter,
                $"The arguments of this '{job.Type}' job cannot be read as {registration.PayloadType.Name}: {ex.Message}");
        }

        var definition = registration.Definition;
        if (job.Attempt > definition.Retry.MaxAttempts)
        {
            return Finish(job, started, JobRunOutcome.Failed, JobFollowUp.DeadLetter,
                $"Gave up: all {definition.Retry.MaxAttempts} attempts were used, the last ones ended without a result (their host stopped).");
        }

        using var timeout = new CancellationTokenSource(definition.Timeout);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping, leaseLost);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await registration.Run(scope.ServiceProvider, payload, new JobRunContext(job.JobId, job.RunId, job.Attempt), cancellation.Token);
            return Finish(job, started, JobRunOutcome.Succeeded, JobFollowUp.Remove, null);
        }
        catch (Exception) when (leaseLost.IsCancellationRequested)
        {
            logger.LogWarning("Job {JobId} ({JobType}) lost its lease while running; the attempt that reclaimed it will record the result",
                job.JobId, job.Type);
            metrics.RecordRun(job, JobRunOutcome.Abandoned, Stopwatch.GetElapsedTime(started));
            return null;
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            return Finish(job, started, JobRunOutcome.Interrupted, JobFollowUp.Release,
                "The jobs host shut down before the job finished; it went back to the queue.");
        }
        catch (Exception) when (timeout.IsCancellationRequested)
        {
            return Failed(job, started, definition, JobRunOutcome.TimedOut, $"Timed out after {definition.Timeout} (the job type's limit).");
        }
        catch (Exception ex)
        {
            return Failed(job, started, definition, JobRunOutcome.Failed, ex.ToString());
        }
    }

    private JobRunResult Failed(ClaimedJob job, long started, JobDefinition definition, JobRunOutcome outcome, string error)
    {
        var retry = definition.Retry.AllowsAnotherAttempt(job.Attempt);
        logger.LogWarning("Job {JobId} ({JobType}) attempt {Attempt} of {MaxAttempts} failed{Next}: {Error}",
            job.JobId, job.Type, job.Attempt, definition.Retry.MaxAttempts, retry ? "; it will be retried" : "; no attempts left", error);
        return retry
            ? Finish(job, started, outcome, JobFollowUp.Retry, error, definition.Retry.DelayAfter(job.Attempt))
            : Finish(job, started, outcome, JobFollowUp.DeadLetter, error);
    }

    private JobRunResult Finish(ClaimedJob job, long started, JobRunOutcome outcome, JobFollowUp followUp, string? error, TimeSpan retryDelay = default)
    {
        var duration = Stopwatch.GetElapsedTime(started);
        if (followUp == JobFollowUp.DeadLetter && error is not null)
        {
            logger.LogError("Job {JobId} ({JobType}) failed for good: {Error}", job.JobId, job.Type, error);
        }

        metrics.RecordRun(job, outcome, duration);
        return new JobRunResult(job.RunId, outcome, followUp, duration,
            error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error, retryDelay);
    }
}
