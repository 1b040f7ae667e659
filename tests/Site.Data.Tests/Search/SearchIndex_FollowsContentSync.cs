using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Site.Data.Content;
using Site.Data.Jobs;
using Site.Data.Search;
using Site.TestSupport;

namespace Site.Data.Tests.Search;

/// <summary>A content sync that changes something queues one index update in its transaction; the job brings the rows in line.</summary>
public sealed class SearchIndex_FollowsContentSync : IAsyncLifetime
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

    private SearchIndexer Indexer() => new(
        _database.CreateContextFactory(),
        [new PostSearchSource(), new ProjectSearchSource(), new BookSearchSource(), new PhotoSearchSource()],
        TimeProvider.System,
        NullLogger<SearchIndexer>.Instance);

    private async Task<List<Job>> UpdateJobsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Jobs.AsNoTracking().Where(j => j.Type == UpdateSearchIndex.Definition.Type).ToListAsync();
    }

    private async Task RunQueuedUpdateAsync()
    {
        var job = Assert.Single(await UpdateJobsAsync(), j => j.Status == JobStatus.Pending);
        var payload = (UpdateSearchIndex)JobPayloads.Deserialize(job.Payload, typeof(UpdateSearchIndex));
        await new UpdateSearchIndexHandler(Indexer()).RunAsync(payload, new JobRunContext(job.Id, 1, 1), CancellationToken.None);
        await using var db = _database.CreateContext();
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task NewEditedAndDeletedPosts_ReachTheIndex_ThroughTheQueuedJob()
    {
        _content.Post("tech", "0001-queues.md", "Queues in PostgreSQL", "2024-01-01", "A table is a queue.\n");
        await Sync().RunAsync();
        await RunQueuedUpdateAsync();
        var queries = new SearchQueries(_database.CreateContextFactory());
        Assert.Equal(["Queues in PostgreSQL"], (await queries.SearchAsync(new SearchRequest("queue"))).Hits.Select(h => h.Title));

        _content.Post("tech", "0001-queues.md", "Queues, revised", "2024-01-01", "A table is still a queue.\n", "draft: true");
        await Sync().RunAsync();
        await RunQueuedUpdateAsync();
        Assert.Empty((await queries.SearchAsync(new SearchRequest("queue"))).Hits);
        Assert.Equal(["Queues, revised"], (await queries.SearchAsync(new SearchRequest("queue", IncludePrivate: true))).Hits.Select(h => h.Title));

        File.Delete(Path.Combine(_content.Path, "posts", "tech", "0001-queues.md"));
        await Sync().RunAsync();
        await RunQueuedUpdateAsync();
        Assert.Empty((await queries.SearchAsync(new SearchRequest("queue", IncludePrivate: true))).Hits);
    }

    [Fact]
    public async Task ASyncThatChangesNothing_QueuesNothing()
    {
        _content.Post("tech", "0001-queues.md", "Queues", "2024-01-01", "A table is a queue.\n");
        await Sync().RunAsync();
        await Sync().RunAsync();

        Assert.Single(await UpdateJobsAsync());
    }

    [Fact]
    public async Task ContentThatIsNotInTheIndex_IsQueuedEvenWhenNothingChanged()
    {
        _content.Post("tech", "0001-queues.md", "Queues", "2024-01-01", "A table is a queue.\n");
        await Sync().RunAsync();
        await using (var db = _database.CreateContext())
        {
            // As after an upgrade: the posts are there, the index is new and empty, and no job is waiting.
            await db.Jobs.ExecuteDeleteAsync();
        }

        var result = await Sync().RunAsync();

        Assert.False(result.Changed);
        Assert.Single(await UpdateJobsAsync());
        await RunQueuedUpdateAsync();
        await Sync().RunAsync();
        Assert.Empty(await UpdateJobsAsync());
    }
}
