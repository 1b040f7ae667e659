using Site.Data.Jobs;

namespace Site.Jobs.Workers;

/// <summary>Samples the queues every 15 seconds for the queue-depth gauges (a gauge callback must not query the database).</summary>
public sealed class QueueDepthSampler(JobMonitor monitor, JobsMetrics metrics, ILogger<QueueDepthSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                metrics.UpdateQueues(await monitor.QueuesAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug("Queue depth sample failed ({Reason}); the gauges keep the last sample", ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
