using Microsoft.EntityFrameworkCore;
using Site.Data.Content;
using Site.Domain.Blog;
using Site.TestSupport;

namespace Site.Data.Tests.Content;

/// <summary>Reads are written in batches: one reader per post per day, and only new readers raise the count.</summary>
public sealed class PostReadWriter_Write : IAsyncLifetime
{
    private static readonly PostAddress Queues = new("tech", "queues");
    private static readonly DateOnly Today = new(2025, 3, 1);
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        db.Add(new Post { Number = 1, Category = "tech", Slug = "queues", Title = "Q", Html = "", PlainText = "", SourcePath = "x", ContentHash = new string('0', 64) });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<int> TimesRead()
    {
        await using var db = _database.CreateContext();
        return await db.Set<Post>().Where(p => p.Slug == "queues").Select(p => p.TimesRead).SingleAsync();
    }

    [Fact]
    public async Task TheSameReaderTwice_CountsOnce()
    {
        var writer = new PostReadWriter(_database.CreateContextFactory());

        var counted = await writer.WriteAsync([new(Queues, Today, "a"), new(Queues, Today, "a")]);
        var again = await writer.WriteAsync([new(Queues, Today, "a")]);

        Assert.Equal([Queues], counted);
        Assert.Empty(again);
        Assert.Equal(1, await TimesRead());
    }

    [Fact]
    public async Task DifferentReadersAndDays_CountSeparately()
    {
        var writer = new PostReadWriter(_database.CreateContextFactory());

        await writer.WriteAsync([new(Queues, Today, "a"), new(Queues, Today, "b")]);
        await writer.WriteAsync([new(Queues, Today.AddDays(1), "a")]);

        Assert.Equal(3, await TimesRead());
    }

    [Fact]
    public async Task ReadsOfUnknownPosts_AreDropped()
    {
        var writer = new PostReadWriter(_database.CreateContextFactory());

        var counted = await writer.WriteAsync([new(new PostAddress("tech", "gone"), Today, "a")]);

        Assert.Empty(counted);
        Assert.Equal(0, await TimesRead());
    }
}
