using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.Data.Jobs;
using Site.Jobs.Content;
using Site.TestSupport;

namespace Site.Jobs.Tests.Content;

/// <summary>A change in the content folder queues one sync, and the sync job brings the change online once.</summary>
public sealed class ContentFolderWatcher_Queue : IAsyncLifetime
{
    private readonly TestContentFolder _folder = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    private IOptions<ContentOptions> Options() => Microsoft.Extensions.Options.Options.Create(new ContentOptions
    {
        Path = _folder.Path,
        WatchQuietPeriod = TimeSpan.FromMilliseconds(300),
    });

    private static HostingEnvironment Environment() => new() { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Development" };

    private async Task<List<Job>> SyncJobsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Jobs.Where(j => j.Type == SyncContent.Definition.Type).ToListAsync();
    }

    [Fact]
    public async Task ABurstOfChanges_QueuesOnePendingSync()
    {
        using var watcher = new ContentFolderWatcher(Options(), Environment(), _database.CreateContextFactory(), NullLogger<ContentFolderWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.Empty(await SyncJobsAsync());

        for (var i = 1; i <= 5; i++)
        {
            _folder.Post("tech", $"000{i}-post-{i}.md", $"Post {i}", "2026-01-0" + i, "Text.");
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await SyncJobsAsync()).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no sync was queued after the files changed");
            await Task.Delay(100);
        }

        await Task.Delay(1000);
        var job = Assert.Single(await SyncJobsAsync());
        Assert.Equal(JobStatus.Pending, job.Status);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TheSyncJob_BringsChangesOnline_AndRunningAgainChangesNothing()
    {
        _folder.Post("tech", "0001-first.md", "First", "2026-01-01", "Hello.");
        var sync = new ContentSync(_database.CreateContextFactory(), Options(), Environment(), TimeProvider.System, NullLogger<ContentSync>.Instance);
        var handler = new SyncContentHandler(sync, NullLogger<SyncContentHandler>.Instance);

        await handler.RunAsync(new SyncContent(), new JobRunContext(1, 1, 1), CancellationToken.None);
        var again = await sync.RunAsync();

        await using var db = _database.CreateContext();
        Assert.Equal(["First"], await db.Set<Post>().Select(p => p.Title).ToListAsync());
        Assert.False(again.Changed);
        Assert.Equal(1, again.PostsUnchanged);
    }

    [Fact]
    public async Task AMissingFolder_IsNotWatched_AndQueuesNothing()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ContentOptions { Path = Path.Combine(_folder.Path, "missing") });
        using var watcher = new ContentFolderWatcher(options, Environment(), _database.CreateContextFactory(), NullLogger<ContentFolderWatcher>.Instance);

        await watcher.StartAsync(CancellationToken.None);
        await (watcher.ExecuteTask ?? Task.CompletedTask);

        Assert.Empty(await SyncJobsAsync());
    }
}
