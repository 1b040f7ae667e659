using Microsoft.Extensions.Logging;
using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Data.Content;

/// <summary>
/// Syncs the content folder into the database, as a job: the jobs host queues it when files change. Running it twice
/// is harmless, since the sync writes only rows whose content hash changed (and announces a change only then).
/// </summary>
public sealed record SyncContent : IJob
{
    /// <summary>One pending sync is enough, however many files changed: later changes join the pending job.</summary>
    public const string DebounceKey = "content-folder";

    public static JobDefinition Definition { get; } = new("content.sync", JobQueues.Default)
    {
        Retry = new JobRetryPolicy(3, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)),
        Timeout = TimeSpan.FromMinutes(10),
    };
}

/// <summary>Runs <see cref="ContentSync"/>; its own log lines name every content error with file and line.</summary>
public sealed class SyncContentHandler(ContentSync sync, ILogger<SyncContentHandler> logger) : IJobHandler<SyncContent>
{
    public async Task RunAsync(SyncContent job, JobRunContext context, CancellationToken cancellationToken)
    {
        var result = await sync.RunAsync(cancellationToken);
        if (!result.Changed)
        {
            logger.LogInformation("Content sync found nothing new");
        }
    }
}
