using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Site.Data.Content;
using Site.Data.Graph;
using Site.Data.Jobs;
using Site.TestSupport;

namespace Site.Data.Tests.Graph;

/// <summary>
/// A sync that changes the posts queues the graph's rebuild, which records the new graph and queues its screenshot, so
/// the site's social image follows the content without waiting for the nightly schedule (also on a first start).
/// </summary>
public sealed class GraphRebuild_FollowsContentSync : IAsyncLifetime
{
    private readonly TestContentFolder _content = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        _content.Dispose();
        await _database.DisposeAsync();
    }

    private ContentSync Sync() => _content.SyncInto(_database);

    private async Task<List<Job>> JobsAsync(string type)
    {
        await using var db = _database.CreateContext();
        return await db.Jobs.AsNoTracking().Where(j => j.Type == type).ToListAsync();
    }

    private async Task RunQueuedRebuildAsync()
    {
        var job = Assert.Single(await JobsAsync(RebuildKnowledgeGraph.Definition.Type));
        var factory = _database.CreateContextFactory();
        await new RebuildKnowledgeGraphHandler(new KnowledgeGraphSource(factory), factory, TimeProvider.System, NullLogger<RebuildKnowledgeGraphHandler>.Instance)
            .RunAsync(new RebuildKnowledgeGraph(), new JobRunContext(job.Id, 1, 1), CancellationToken.None);
        await using var db = _database.CreateContext();
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task TheFirstSync_QueuesTheRebuild_WhichQueuesTheScreenshot_AndAnUnchangedSyncQueuesNothing()
    {
        _content.Post("tech", "0001-queues.md", "Queues in PostgreSQL", "2024-01-01", "See [the other](/b/tech/0002-locks/).\n");
        _content.Post("tech", "0002-locks.md", "Locks", "2024-01-02", "Advisory locks.\n");
        await Sync().RunAsync();

        await RunQueuedRebuildAsync();
        Assert.Single(await JobsAsync(TakeKnowledgeGraphScreenshot.Definition.Type));

        await Sync().RunAsync();
        Assert.Empty(await JobsAsync(RebuildKnowledgeGraph.Definition.Type));

        _content.Post("tech", "0003-vacuum.md", "Vacuum", "2024-01-03", "Links to [queues](/b/tech/0001-queues/).\n");
        await Sync().RunAsync();
        Assert.Single(await JobsAsync(RebuildKnowledgeGraph.Definition.Type));
    }
}
