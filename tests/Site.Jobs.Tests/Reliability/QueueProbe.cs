using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Jobs.Diagnostics;

namespace Site.Jobs.Tests.Reliability;

/// <summary>What the reliability tests read and write in the queue of a host under test, through the product's own tables.</summary>
public sealed class QueueProbe(Func<SiteDbContext> createContext)
{
    public async Task<long> EnqueueSleepAsync(int milliseconds, DateTimeOffset? runAt = null)
    {
        await using var db = createContext();
        return (await JobQueue.EnqueueAsync(db, new DiagnosticSleep(milliseconds), new JobEnqueueOptions { RunAt = runAt })).JobId;
    }

    public async Task<List<JobRun>> RunsOfAsync(long jobId)
    {
        await using var db = createContext();
        return await db.JobRuns.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.Id).ToListAsync();
    }

    public async Task<Job?> JobAsync(long jobId)
    {
        await using var db = createContext();
        return await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId);
    }

    public async Task<int> LiveHostsAsync()
    {
        await using var db = createContext();
        return await db.JobHosts.CountAsync(h => h.StoppedAt == null);
    }

    /// <summary>Whether the job succeeded and left the queue.</summary>
    public async Task<bool> IsDoneAsync(long jobId) =>
        await JobAsync(jobId) is null && (await RunsOfAsync(jobId)).Any(r => r.Outcome == JobRunOutcome.Succeeded);

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails with <paramref name="what"/> and the hosts' output.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, params JobsHostProcess[] hosts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when ((ex is Npgsql.NpgsqlException || ex.InnerException is Npgsql.NpgsqlException) && DateTime.UtcNow < deadline)
            {
                // The database may be restarting in the test; keep polling.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting for: {what}\n" +
                    string.Join("\n", hosts.Select(h => $"--- host {h.ProcessId} output (tail) ---\n{Tail(h.Output)}")));
            }

            await Task.Delay(100);
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}
