using Microsoft.AspNetCore.OutputCaching;
using Site.Data.Content;

namespace Site.Blazor.Blog;

/// <summary>
/// Drains the read queue into PostgreSQL in batches (whatever arrived within <see cref="BatchWindow"/>, at most
/// <see cref="MaxBatch"/>), then evicts the cached pages of the posts whose count went up.
/// </summary>
public sealed class PostReadFlusher(PostReadQueue queue, PostReadWriter writer, IOutputCacheStore cache, ILogger<PostReadFlusher> logger)
    : BackgroundService
{
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(500);
    public const int MaxBatch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PostReadRecord>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(BatchWindow, stoppingToken);
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var read))
            {
                batch.Add(read);
            }

            try
            {
                foreach (var post in await writer.WriteAsync(batch, stoppingToken))
                {
                    await cache.EvictByTagAsync(ReaderCache.PostTag(post), stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Losing a batch of read counts is better than stopping the counter for the life of the process.
                logger.LogWarning(ex, "Could not store {Count} post reads; they are dropped", batch.Count);
            }

            batch.Clear();
        }
    }
}
