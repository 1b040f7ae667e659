using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Site.Data.Persistence;
using Site.Domain.Hosts;

namespace Site.Data.Health;

/// <summary>At least one jobs host has sent a heartbeat recently.</summary>
internal sealed class JobsHeartbeatHealthCheck(IDbContextFactory<SiteDbContext> contexts, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var lastSeen = await db.JobHosts
                .Where(h => h.StoppedAt == null)
                .OrderByDescending(h => h.LastSeenAt)
                .Select(h => (DateTimeOffset?)h.LastSeenAt)
                .FirstOrDefaultAsync(cancellationToken);
            var now = clock.GetUtcNow();
            if (lastSeen is null)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "No jobs host is running");
            }

            var age = now - lastSeen.Value;
            return JobHostLiveness.IsAlive(lastSeen.Value, now)
                ? HealthCheckResult.Healthy($"Last jobs host heartbeat {age.TotalSeconds:0}s ago")
                : new HealthCheckResult(context.Registration.FailureStatus, $"The last jobs host heartbeat is {age.TotalSeconds:0}s old");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Cannot read jobs host heartbeats: " + ex.Message);
        }
    }
}
