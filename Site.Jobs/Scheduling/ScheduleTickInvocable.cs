using Coravel.Invocable;
using Site.Data.Jobs;

namespace Site.Jobs.Scheduling;

/// <summary>
/// Scheduled every five seconds: enqueues the jobs whose schedules are due. Schedules are read from the database on
/// every tick, so the admin's changes apply within seconds. The tick is claimed in the database, and Coravel's overlap
/// prevention runs through the distributed mutex, so two jobs hosts never enqueue the same tick.
/// </summary>
public sealed class ScheduleTickInvocable(JobSchedules schedules, ILogger<ScheduleTickInvocable> logger) : IInvocable, ICancellableInvocable
{
    public const string MutexKey = "job-schedules";

    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        try
        {
            await schedules.EnqueueDueAsync(CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not enqueue due schedules; will try again at the next tick");
        }
    }
}
