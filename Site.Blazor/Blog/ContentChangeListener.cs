using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npgsql;
using Site.Data.Configuration;
using Site.Data.Content;

namespace Site.Blazor.Blog;

/// <summary>
/// Listens on <see cref="ContentChanges.Channel"/> and evicts every cached reader page when content changed, whichever
/// host ran the sync. After a lost connection it evicts once more, since a change may have gone unheard meanwhile.
/// </summary>
public sealed class ContentChangeListener(IOptions<DatabaseOptions> database, IOutputCacheStore cache, ILogger<ContentChangeListener> logger)
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
                connection.Notification += (_, _) => _ = EvictAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ContentChanges.Channel}", connection))
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

    private async Task EvictAsync(CancellationToken cancellationToken)
    {
        await cache.EvictByTagAsync(ReaderCache.ContentTag, cancellationToken);
        logger.LogInformation("Content changed; cached reader pages evicted");
    }
}

/// <summary>Syncs the content folder before the web host starts serving, so the first reader sees the current posts.</summary>
public sealed class ContentSyncAtStart(ContentSync sync, IOptions<ContentOptions> options, ILogger<ContentSyncAtStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SyncAtStart)
        {
            return;
        }

        try
        {
            await sync.RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The site still serves the content of the last good sync.
            logger.LogError(ex, "The content sync at start failed; serving the content already in the database");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
