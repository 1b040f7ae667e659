using System.Threading.Channels;
using Microsoft.Extensions.Caching.Distributed;
using Site.Blazor.Security;
using Site.Data.Content;
using Site.Domain.Blog;
using Site.Domain.Readers;

namespace Site.Blazor.Blog;

/// <summary>
/// Reads waiting to be written. Bounded, and full means dropped: counting a read is never worth slowing or failing
/// a page, and a queue that cannot drain means the database is in trouble anyway. A reader already queued today is
/// not queued again: a reader who reloads (or a load test) costs one lock-free lookup instead of a queue write, and the
/// database would ignore the repeat anyway.
/// </summary>
public sealed class PostReadQueue
{
    public const int Capacity = 10_000;

    /// <summary>How many of today's readers are remembered; past that the memory starts over (repeats then reach the database, which ignores them).</summary>
    public const int RememberedReaders = 100_000;

    private readonly Channel<PostReadRecord> _channel = Channel.CreateBounded<PostReadRecord>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private volatile QueuedToday _queued = new(DateOnly.MinValue);

    public void Enqueue(PostReadRecord read)
    {
        var queued = _queued;
        if (queued.Day != read.ReadOn || queued.Readers.Count >= RememberedReaders)
        {
            queued = _queued = new QueuedToday(read.ReadOn);
        }

        if (queued.Readers.TryAdd(read, 0))
        {
            _channel.Writer.TryWrite(read);
        }
    }

    public ChannelReader<PostReadRecord> Reader => _channel.Reader;

    private sealed record QueuedToday(DateOnly Day)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<PostReadRecord, byte> Readers { get; } = new();
    }
}

/// <summary>
/// The salt of the day for reader hashes. It lives in the shared cache (memory, or Redis when several web hosts must
/// agree) until the day ends and in this process for speed, and is never written anywhere near the hashes.
/// </summary>
public sealed class DailySalt(IDistributedCache cache, TimeProvider clock)
{
    private volatile SaltOfDay? _current;

    public async ValueTask<(DateOnly Day, byte[] Salt)> GetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (_current is { } current && current.Day == today)
        {
            return (current.Day, current.Salt);
        }

        var key = "reads:salt:" + today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var salt = await cache.GetAsync(key, cancellationToken);
        if (salt is not { Length: >= ReaderHash.SaltLength })
        {
            // Two hosts racing here may each keep their own salt for a while: a reader might count twice that day,
            // never zero times, and no salt outlives its day.
            salt = ReaderHash.NewSalt();
            var endOfDay = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            await cache.SetAsync(key, salt, new DistributedCacheEntryOptions { AbsoluteExpiration = endOfDay }, cancellationToken);
        }

        _current = new SaltOfDay(today, salt);
        return (today, salt);
    }

    private sealed record SaltOfDay(DateOnly Day, byte[] Salt);
}

/// <summary>
/// Notes a read of a post page after it was served: a 200 for a person (not a bot, not the admin). It only hashes and
/// queues, so the page costs the reader nothing more; it sits before the output cache so cached pages count too.
/// </summary>
public static class PostReadCounting
{
    public static IApplicationBuilder UsePostReadCounting(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode != StatusCodes.Status200OK
                || !HttpMethods.IsGet(context.Request.Method)
                || context.GetEndpoint()?.Metadata.GetMetadata<CountsPostReadsAttribute>() is null
                || context.GetRouteValue("category") is not string category
                || context.GetRouteValue("slug") is not string slug
                || context.User.IsInRole(AdminAuthorization.Role))
            {
                return;
            }

            var userAgent = context.Request.Headers.UserAgent.ToString();
            if (BotUserAgents.IsBot(userAgent))
            {
                return;
            }

            var services = context.RequestServices;
            var (day, salt) = await services.GetRequiredService<DailySalt>().GetAsync(context.RequestAborted);
            var hash = ReaderHash.Compute(salt, context.Connection.RemoteIpAddress?.ToString(), userAgent);
            services.GetRequiredService<PostReadQueue>().Enqueue(new PostReadRecord(PostAddress.FromUrl(category, slug), day, hash));
        });
}
