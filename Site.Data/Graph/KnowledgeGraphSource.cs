using Microsoft.EntityFrameworkCore;
using Site.Data.Content;
using Site.Data.Persistence;
using Site.Domain.Blog;
using Site.Domain.Graph;

namespace Site.Data.Graph;

/// <summary>Reads the published posts and the links the content sync found in them, and builds the graph from them.</summary>
public sealed class KnowledgeGraphSource(IDbContextFactory<SiteDbContext> dbFactory)
{
    public async Task<KnowledgeGraph> BuildAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var posts = await db.Set<Post>().AsNoTracking()
            .Where(p => !p.IsDraft)
            .Select(p => new { p.Id, p.Category, p.Slug, p.Title, p.Description })
            .ToListAsync(cancellationToken);
        var addresses = posts.ToDictionary(p => p.Id, p => new PostAddress(p.Category, p.Slug));
        var links = await db.Set<PostLink>().AsNoTracking()
            .Select(l => new { l.SourcePostId, l.TargetPostId, l.LinkText, l.Context, l.Count })
            .ToListAsync(cancellationToken);

        // Links from or to drafts are left out: readers cannot open a draft, so it is not part of their graph.
        return KnowledgeGraph.Build(
            posts.Select(p => new GraphPost(p.Id, addresses[p.Id], p.Title, p.Description)).ToList(),
            links.Where(l => addresses.ContainsKey(l.SourcePostId) && addresses.ContainsKey(l.TargetPostId))
                .Select(l => new GraphLink(l.SourcePostId, addresses[l.TargetPostId], l.LinkText, l.Context, l.Count)));
    }
}

/// <summary>
/// The graph the web host serves, built once and shared by every request and circuit. It is dropped when content
/// changes (the content sync's notification), and rebuilt at the latest after <see cref="MaxAge"/> as a backstop.
/// Concurrent readers of a stale graph wait for one rebuild, not one each.
/// </summary>
public sealed class KnowledgeGraphCache(KnowledgeGraphSource source, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(20);

    private readonly SemaphoreSlim _building = new(1, 1);
    private (KnowledgeGraph Graph, DateTimeOffset BuiltAt, long Version)? _current;
    private long _version;

    /// <summary>Raised after <see cref="Invalidate"/>, so open graph views can reload.</summary>
    public event Action? Changed;

    public async Task<KnowledgeGraph> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } graph)
        {
            return graph;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } built)
            {
                return built;
            }

            var version = Interlocked.Read(ref _version);
            var rebuilt = await source.BuildAsync(cancellationToken);
            _current = (rebuilt, clock.GetUtcNow(), version);
            return rebuilt;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Drops the graph; the next request builds it from the database again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        Changed?.Invoke();
    }

    private KnowledgeGraph? Fresh() =>
        _current is { } current && current.Version == Interlocked.Read(ref _version) && clock.GetUtcNow() - current.BuiltAt < MaxAge
            ? current.Graph
            : null;
}
