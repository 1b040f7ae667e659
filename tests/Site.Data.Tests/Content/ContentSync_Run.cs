using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.TestSupport;

namespace Site.Data.Tests.Content;

/// <summary>The sync against a real PostgreSQL: it writes what changed, only that, and tells listeners.</summary>
public sealed class ContentSync_Run : IAsyncLifetime
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

    private void WriteTwoLinkedPosts()
    {
        _content.Post("tech", "0001-queues.md", "Queues", "2024-01-01", "A table is a queue.\n", "tags: [postgresql]");
        _content.Post("tech", "0002-locks.md", "Locks", "2024-02-01",
            "Locks pair with [the queue post](/b/tech/queues/) nicely. Again: [queues](0001-queues.md).\n");
    }

    [Fact]
    public async Task LoadsPostsLinksAndDataFiles_ThenASecondRunChangesNothing()
    {
        WriteTwoLinkedPosts();

        var first = await Sync().RunAsync();
        var second = await Sync().RunAsync();

        Assert.Equal((2, 0, 0, true), (first.PostsAdded, first.PostsUpdated, first.PostsRemoved, first.Changed));
        Assert.Equal((0, 0, 0, 2, false), (second.PostsAdded, second.PostsUpdated, second.PostsRemoved, second.PostsUnchanged, second.Changed));
        await using var db = _database.CreateContext();
        var posts = await db.Set<Post>().OrderBy(p => p.Number).ToListAsync();
        Assert.Equal(["Queues", "Locks"], posts.Select(p => p.Title));
        Assert.Equal(["postgresql"], posts[0].Tags);
        Assert.Equal(1, posts[0].ReadingMinutes);
        Assert.Contains("href=\"/b/tech/queues/\"", posts[1].Html);
        var link = Assert.Single(await db.Set<PostLink>().ToListAsync());
        Assert.Equal((posts[1].Id, posts[0].Id, "the queue post", 5, 2), (link.SourcePostId, link.TargetPostId, link.LinkText, link.Line, link.Count));
        Assert.Contains("Locks pair with the queue post nicely", link.Context);
        Assert.Equal(5, await db.Set<Category>().CountAsync());
    }

    [Fact]
    public async Task AnEditedFileIsUpdated_ABrokenOneKeepsItsLastGoodVersion_ADeletedOneIsRemoved()
    {
        WriteTwoLinkedPosts();
        await Sync().RunAsync();

        _content.Post("tech", "0001-queues.md", "Queues, revised", "2024-01-01", "A table is a queue.\n");
        var edited = await Sync().RunAsync();
        Assert.Equal((0, 1, 0), (edited.PostsAdded, edited.PostsUpdated, edited.PostsRemoved));

        _content.Post("tech", "0001-queues.md", "Queues, broken", "not-a-date", "Body.\n");
        var broken = await Sync().RunAsync();
        Assert.Equal((0, 0, 0), (broken.PostsAdded, broken.PostsUpdated, broken.PostsRemoved));
        await using (var db = _database.CreateContext())
        {
            Assert.Equal("Queues, revised", (await db.Set<Post>().SingleAsync(p => p.Slug == "queues")).Title);
            var errors = await db.Set<ContentError>().ToListAsync();
            var error = Assert.Single(errors, e => e.SourcePath == "posts/tech/0001-queues.md");
            Assert.Equal(3, error.Line);
            Assert.Contains(errors, e => e.SourcePath == "posts/tech/0002-locks.md" && e.Message.Contains("whose file has errors"));
        }

        _content.Delete("posts/tech/0001-queues.md");
        var deleted = await Sync().RunAsync();
        Assert.Equal(1, deleted.PostsRemoved);
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(["locks"], await db.Set<Post>().Select(p => p.Slug).ToListAsync());
            Assert.Empty(await db.Set<PostLink>().ToListAsync());
            Assert.Contains(await db.Set<ContentError>().ToListAsync(), e => e.Message.Contains("/b/tech/queues/ points at a post that does not exist"));
        }
    }

    [Fact]
    public async Task NotifiesListenersOnlyWhenSomethingChanged()
    {
        WriteTwoLinkedPosts();
        await using var listener = new NpgsqlConnection(_database.ConnectionString);
        await listener.OpenAsync();
        var heard = 0;
        listener.Notification += (_, e) => heard += e.Channel == ContentChanges.Channel ? 1 : 0;
        await using (var listen = new NpgsqlCommand($"LISTEN {ContentChanges.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await Sync().RunAsync();
        await listener.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, heard);

        await Sync().RunAsync();
        await listener.WaitAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, heard);
    }

    [Fact]
    public async Task TwoSyncsAtOnceTakeTurns()
    {
        WriteTwoLinkedPosts();

        var results = await Task.WhenAll(Sync().RunAsync(), Sync().RunAsync());

        Assert.Equal(2, results.Sum(r => r.PostsAdded));
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.Set<Post>().CountAsync());
    }

    [Fact]
    public async Task AMissingContentFolderIsAnErrorNotACrash()
    {
        var sync = new ContentSync(_database.CreateContextFactory(), Options.Create(new ContentOptions { Path = "/nowhere/content" }),
            new HostingEnvironment { ContentRootPath = "/" }, TimeProvider.System, NullLogger<ContentSync>.Instance);

        var result = await sync.RunAsync();

        Assert.Contains("does not exist", Assert.Single(result.Errors).Message);
    }
}
