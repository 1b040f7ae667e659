using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.Data.Graph;
using Site.Data.Jobs;
using Site.TestSupport;

namespace Site.Data.Tests.Graph;

/// <summary>The graph built from what the content sync stored, against a real PostgreSQL.</summary>
public sealed class KnowledgeGraphSource_Build : IAsyncLifetime
{
    private readonly TestContentFolder _content = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        _content.Dispose();
        await _database.DisposeAsync();
    }

    private Task<ContentSyncResult> SyncAsync() =>
        _content.SyncInto(_database, new SiteIdentityOptions { BaseUrl = "https://blog.example.org" }).RunAsync();

    [Fact]
    public async Task CountsRelativeAndAbsoluteLinksOnceEach_LeavesOutDraftsAndMissingPosts()
    {
        _content.Post("tech", "0001-queues.md", "Queues", "2024-01-01", "A table is a queue.\n");
        _content.Post("tech", "0002-locks.md", "Locks", "2024-02-01",
            "See [queues](https://blog.example.org/b/tech/queues/), [again](../tech/0001-queues.md), [a draft](/b/tech/later/), "
            + "[gone](/b/tech/gone/) and [elsewhere](https://other.example/b/tech/queues/).\n");
        _content.Post("tech", "0003-later.md", "Later", "2024-03-01", "Soon; see [locks](/b/tech/locks/).\n", "draft: true");

        var result = await SyncAsync();
        var graph = await new KnowledgeGraphSource(_database.CreateContextFactory()).BuildAsync();

        Assert.Equal(["Queues", "Locks"], graph.Nodes.Select(n => n.Title));
        var edge = Assert.Single(graph.Edges);
        Assert.Equal(("queues", 2), (edge.LinkText, edge.Count));
        Assert.Equal(1, graph.Nodes.Single(n => n.Title == "Queues").InDegree);
        Assert.Contains(result.Errors, e => e.Message.Contains("/b/tech/gone/", StringComparison.Ordinal));
        await using var db = _database.CreateContext();
        var html = await db.Set<Post>().Where(p => p.Slug == "locks").Select(p => p.Html).SingleAsync();
        Assert.Contains("href=\"/b/tech/queues/\"", html);
        Assert.Contains("href=\"https://other.example/b/tech/queues/\"", html);
    }

    [Fact]
    public async Task RebuildJob_RecordsASnapshotOnlyWhenTheGraphChanged()
    {
        _content.Post("tech", "0001-queues.md", "Queues", "2024-01-01", "A table is a queue.\n");
        await SyncAsync();
        var factory = _database.CreateContextFactory();
        var handler = new RebuildKnowledgeGraphHandler(new KnowledgeGraphSource(factory), factory, TimeProvider.System, NullLogger<RebuildKnowledgeGraphHandler>.Instance);

        await handler.RunAsync(new RebuildKnowledgeGraph(), new JobRunContext(1, 1, 1), CancellationToken.None);
        await handler.RunAsync(new RebuildKnowledgeGraph(), new JobRunContext(1, 1, 1), CancellationToken.None);
        _content.Post("tech", "0002-locks.md", "Locks", "2024-02-01", "See [queues](/b/tech/queues/).\n");
        await SyncAsync();
        await handler.RunAsync(new RebuildKnowledgeGraph(), new JobRunContext(1, 1, 1), CancellationToken.None);

        await using var db = _database.CreateContext();
        var snapshots = await db.Set<KnowledgeGraphSnapshot>().OrderBy(s => s.Id).ToListAsync();
        Assert.Equal([(1, 0), (2, 1)], snapshots.Select(s => (s.NodeCount, s.EdgeCount)));
        Assert.NotEqual(snapshots[0].Hash, snapshots[1].Hash);
    }
}
