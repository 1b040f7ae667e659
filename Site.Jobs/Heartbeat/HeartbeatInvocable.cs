using Coravel.Invocable;
using Microsoft.Extensions.Options;
using Site.Data.Hosts;

namespace Site.Jobs.Heartbeat;

/// <summary>Scheduled every ten seconds: tells the database, and a file for container health checks, that this host lives.</summary>
public sealed class HeartbeatInvocable(
    JobHostHeartbeats heartbeats,
    JobHostIdentity identity,
    IOptions<JobsHostOptions> options,
    ILogger<HeartbeatInvocable> logger) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        try
        {
            await heartbeats.BeatAsync(identity.Id, CancellationToken);
            await File.WriteAllTextAsync(options.Value.HeartbeatFile, DateTimeOffset.UtcNow.ToString("O"), CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Heartbeat failed; will try again at the next beat");
        }
    }
}
