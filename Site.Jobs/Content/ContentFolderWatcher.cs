using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Site.Jobs.Content;

/// <summary>
/// Watches the content folder and queues a <see cref="SyncContent"/> job once it has been quiet for
/// <see cref="ContentOptions.WatchQuietPeriod"/> after a change, so an edited post is online without a restart. The job
/// is debounced in the queue too, so several jobs hosts watching the same folder still make one pending sync.
/// </summary>
public sealed class ContentFolderWatcher(
    IOptions<ContentOptions> options,
    IHostEnvironment environment,
    IDbContextFactory<SiteDbContext> databases,
    ILogger<ContentFolderWatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var folder = settings.FullPath(environment.ContentRootPath);
        if (!settings.WatchForChanges)
        {
            return;
        }

        if (!Directory.Exists(folder))
        {
            logger.LogWarning("The content folder {Folder} does not exist; content changes are not watched", folder);
            return;
        }

        using var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, _) => Signal();
        watcher.Created += (_, _) => Signal();
        watcher.Deleted += (_, _) => Signal();
        watcher.Renamed += (_, _) => Signal();
        watcher.Error += (_, e) =>
        {
            // The event buffer overflowed (a huge checkout): changes were missed, so sync anyway.
            logger.LogWarning(e.GetException(), "The content folder watcher lost events; queueing a sync");
            Signal();
        };
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching {Folder} for content changes", folder);

        while (!stoppingToken.IsCancellationRequested)
        {
            await _changed.WaitAsync(stoppingToken);
            // Quiet period: keep absorbing changes until none arrives for a while.
            while (await _changed.WaitAsync(settings.WatchQuietPeriod, stoppingToken))
            {
            }

            try
            {
                await using var db = await databases.CreateDbContextAsync(stoppingToken);
                await JobQueue.EnqueueAsync(db, new SyncContent(), new JobEnqueueOptions { DebounceKey = SyncContent.DebounceKey }, stoppingToken);
                logger.LogInformation("Content changed; a sync is queued");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not queue a content sync after a change; the next change will try again");
            }
        }
    }

    private void Signal() => _changed.Release();

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }
}
