using Site.Data.Hosts;

namespace Site.Jobs.Heartbeat;

/// <summary>Registers this host when it starts and marks it stopped when it shuts down cleanly.</summary>
public sealed class JobHostLifetime(JobHostHeartbeats heartbeats, JobHostIdentity identity, ILogger<JobHostLifetime> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await heartbeats.RegisterAsync(identity.ToRecord(), cancellationToken);
        logger.LogInformation("Jobs host {HostId} started", identity.Id);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await heartbeats.MarkStoppedAsync(identity.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record that jobs host {HostId} stopped", identity.Id);
        }

        logger.LogInformation("Jobs host {HostId} stopped", identity.Id);
    }
}
