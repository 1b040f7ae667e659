using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Site.Data.Persistence;
using Site.Domain.Jobs;

namespace Site.Data.Jobs;

/// <summary>
/// The recurring jobs kept in <c>job_schedules</c>: the admin's changes (cron, pause, resume, run now) and the tick
/// that the jobs hosts' scheduler calls to enqueue what is due. Every change takes effect at the next tick, without a restart.
/// </summary>
public sealed class JobSchedules(IDbContextFactory<SiteDbContext> contexts, TimeProvider clock, ILogger<JobSchedules> logger)
{
    public async Task<IReadOnlyList<JobSchedule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.JobSchedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Enqueues one job for every schedule that is due. Each tick is claimed with a conditional update of its
    /// <c>next_run_at</c> in the same transaction as the enqueue, so when several jobs hosts tick at once exactly one
    /// of them enqueues it. A missed tick (no host was running) runs once, not once per missed occurrence.
    /// Returns how many jobs this call enqueued.
    /// </summary>
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.JobSchedules.AsNoTracking()
            .Where(s => !s.Paused && (s.NextRunAt == null || s.NextRunAt <= now))
            .ToListAsync(cancellationToken);
        var enqueued = 0;
        foreach (var schedule in due)
        {
            if (CronRecurrence.Problem(schedule.Cron, schedule.TimeZone) is { } problem)
            {
                logger.LogError("Schedule {Schedule} cannot run: {Problem}", schedule.Name, problem);
                continue;
            }

            var next = CronRecurrence.Parse(schedule.Cron, schedule.TimeZone).NextAfter(now);
            try
            {
                if (await EnqueueTickAsync(db, schedule, next, now, cancellationToken))
                {
                    enqueued++;
                }
            }
            catch (ArgumentException ex)
            {
                // Only a schedule edited by hand in the database gets here (the admin validates); the others still run.
                logger.LogError("Schedule {Schedule} cannot enqueue its job: {Problem}", schedule.Name, ex.Message);
            }
        }

        return enqueued;
    }

    private async Task<bool> EnqueueTickAsync(SiteDbContext db, JobSchedule schedule, DateTimeOffset next, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tick = schedule.NextRunAt;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.JobSchedules
            .Where(s => s.Name == schedule.Name && !s.Paused && s.NextRunAt == tick)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.NextRunAt, next), cancellationToken);
        if (claimed == 0 || tick is null)
        {
            // Another host took this tick, or the schedule was first seen now and only gets its first time.
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        var job = await JobQueue.EnqueueAsync(db, new JobRequest(schedule.JobType, schedule.Queue, schedule.Arguments),
            new JobEnqueueOptions { IdempotencyKey = $"schedule:{schedule.Name}:{tick.Value.UtcDateTime:O}" }, cancellationToken);
        await db.JobSchedules.Where(s => s.Name == schedule.Name)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastEnqueuedAt, now).SetProperty(s => s.LastJobId, job.JobId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Schedule {Schedule} enqueued job {JobId} ({JobType}) for {Tick:O}; next at {Next:O}",
            schedule.Name, job.JobId, schedule.JobType, tick, next);
        return true;
    }

    /// <summary>Sets a new cron expression; a malformed one is refused with the reason and changes nothing.</summary>
    public Task<JobCommandResult> ChangeCronAsync(string name, string? cron, CancellationToken cancellationToken) =>
        ChangeAsync(name, schedule =>
        {
            if (CronRecurrence.Problem(cron, schedule.TimeZone) is { } problem)
            {
                return problem;
            }

            schedule.Cron = cron!.Trim();
            return null;
        }, schedule => $"Schedule '{schedule.Name}' now runs on '{schedule.Cron}' ({schedule.TimeZone}).", cancellationToken);

    public Task<JobCommandResult> PauseAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(name, schedule =>
        {
            schedule.Paused = true;
            return null;
        }, schedule => $"Schedule '{schedule.Name}' is paused.", cancellationToken);

    /// <summary>Resumes from now on: occurrences missed while paused are not made up.</summary>
    public Task<JobCommandResult> ResumeAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(name, schedule =>
        {
            schedule.Paused = false;
            return null;
        }, schedule => $"Schedule '{schedule.Name}' is running again.", cancellationToken);

    /// <summary>Enqueues the schedule's job at once, outside its cron times; refused while such a run is still queued.</summary>
    public async Task<JobCommandResult> RunNowAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var schedule = await db.JobSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (schedule is null)
        {
            return JobCommandResult.Refused($"There is no schedule named '{name}'.");
        }

        var job = await JobQueue.EnqueueAsync(db, new JobRequest(schedule.JobType, schedule.Queue, schedule.Arguments),
            new JobEnqueueOptions { IdempotencyKey = $"schedule:{schedule.Name}:now" }, cancellationToken);
        return job.Outcome == JobEnqueueOutcome.AlreadyQueued
            ? JobCommandResult.Refused($"Job {job.JobId} from schedule '{name}' is already queued or running.")
            : JobCommandResult.Done($"Schedule '{name}' queued job {job.JobId}.");
    }

    private async Task<JobCommandResult> ChangeAsync(
        string name, Func<JobSchedule, string?> change, Func<JobSchedule, string> done, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var schedule = await db.JobSchedules.FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (schedule is null)
        {
            return JobCommandResult.Refused($"There is no schedule named '{name}'.");
        }

        if (change(schedule) is { } problem)
        {
            return JobCommandResult.Refused(problem);
        }

        var now = clock.GetUtcNow();
        // The next time follows from the new state at once, so the admin sees it and every host agrees on it.
        schedule.NextRunAt = schedule.Paused || CronRecurrence.Problem(schedule.Cron, schedule.TimeZone) is not null
            ? null
            : CronRecurrence.Parse(schedule.Cron, schedule.TimeZone).NextAfter(now);
        schedule.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return JobCommandResult.Done(done(schedule));
    }
}
