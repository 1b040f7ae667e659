using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;

namespace Site.Data.Hosts;

/// <summary>Records that a jobs host is alive, so the web host (and the admin) can see it.</summary>
public sealed class JobHostHeartbeats(IDbContextFactory<SiteDbContext> contexts, TimeProvider clock)
{
    public async Task RegisterAsync(JobHost host, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        host.LastSeenAt = clock.GetUtcNow();
        db.JobHosts.Add(host);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task BeatAsync(string hostId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.JobHosts.Where(h => h.Id == hostId)
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.LastSeenAt, now), cancellationToken);
    }

    public async Task MarkStoppedAsync(string hostId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.JobHosts.Where(h => h.Id == hostId)
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.StoppedAt, now).SetProperty(h => h.LastSeenAt, now), cancellationToken);
    }
}
