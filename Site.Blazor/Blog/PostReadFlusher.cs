using Microsoft.AspNetCore.OutputCaching;
using Site.Data.Content;

namespace Site.Blazor.Blog;

/// <summary>
/// Drains the read queue into PostgreSQL in batches: whatever arrived within <see cref="BatchWindow"/>, the same
/// reader of the same post kept once, so a burst from one reader (or a load test) costs one row, not thousands.
/// Then it evicts the cached pages of the posts whose count went up.
/// </summary>
public sealed class PostReadFlusher(PostReadQueue queue, PostReadWriter writer, IOutputCacheStore cache, ILogger<PostReadFlusher> logger)
    : BackgroundService
{
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new HashSet<PostReadRecord>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(BatchWindow, stoppingToken);
            while (queue.Reader.TryRead(out var read))
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
