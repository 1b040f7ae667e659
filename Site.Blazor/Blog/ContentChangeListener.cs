using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npgsql;
using Site.Data.Comments;
using Site.Data.Configuration;
using Site.Data.Content;

namespace Site.Blazor.Blog;

/// <summary>
/// Listens on <see cref="ContentChanges.Channel"/> and evicts every cached reader page (and the knowledge graph) when
/// content changed, whichever host ran the sync; and on <see cref="CommentChanges.Channel"/>, evicting only the page of
/// the post whose comments changed. After a lost connection it evicts everything once more, since a change may have
/// gone unheard meanwhile.
/// </summary>
public sealed class ContentChangeListener(
    IOptions<DatabaseOptions> database,
    IOutputCacheStore cache,
    Site.Data.Graph.KnowledgeGraphCache graphs,
    ILogger<ContentChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
        {
            // A listening connection is long-lived and idle: keep it out of the pool, and probe it so a dead link is noticed.
            Pooling = false,
            KeepAlive = 30,
        }.ConnectionString;
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => _ = e.Channel == CommentChanges.Channel
                    ? EvictPostAsync(e.Payload, stoppingToken)
                    : EvictAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ContentChanges.Channel}; LISTEN {CommentChanges.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (reconnecting)
                {
                    await EvictAsync(stoppingToken);
                    logger.LogInformation("Listening for content changes again");
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning("Lost the database connection that hears content changes ({Reason}); retrying in {Seconds} s", ex.Message, RetryDelay.TotalSeconds);
                reconnecting = true;
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task EvictPostAsync(string payload, CancellationToken cancellationToken)
    {
        if (CommentChanges.TryParse(payload, out var post))
        {
            await cache.EvictByTagAsync(ReaderCache.PostTag(post), cancellationToken);
        }
    }

    private async Task EvictAsync(CancellationToken cancellationToken)
    {
        graphs.Invalidate();
        await cache.EvictByTagAsync(ReaderCache.ContentTag, cancellationToken);
        logger.LogInformation("Content changed; cached reader pages evicted");
    }
}

/// <summary>
/// Syncs the content folder once the web host has started. It does not hold up the start: until it finishes, readers
/// get the content of the previous sync (already in the database), and a large or slow folder never delays the site
/// coming up. When it changed anything, its notification evicts the cached pages as any sync's does.
/// </summary>
public sealed class ContentSyncAtStart(ContentSync sync, IOptions<ContentOptions> options, ILogger<ContentSyncAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SyncAtStart)
        {
            return;
        }

        // Reading and rendering the files is synchronous work; yield first so that the host's start does not wait for it.
        await Task.Yield();
        try
        {
            await sync.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The content sync at start failed; serving the content already in the database");
        }
    }
}
