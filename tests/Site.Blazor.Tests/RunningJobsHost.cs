using Site.Data.Hosting;
using Site.Data.Hosts;
using Site.TestSupport;

namespace Site.Blazor.Tests;

/// <summary>Writes the row a running jobs host keeps fresh with its heartbeat, so the web host's jobs check sees one.</summary>
public static class RunningJobsHost
{
    public static async Task RegisterAsync(TestDatabase database)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = database.CreateContext();
        db.JobHosts.Add(new JobHost
        {
            Id = $"test-host:{Environment.ProcessId}:{Guid.NewGuid():N}",
            MachineName = Environment.MachineName,
            ProcessId = Environment.ProcessId,
            Version = SiteHostDefaults.Version,
            StartedAt = now,
            LastSeenAt = now,
        });
        await db.SaveChangesAsync();
    }
}
