using Site.Data.Admin;
using Site.Data.Content;
using Site.TestSupport;

namespace Site.Data.Tests.Content;

/// <summary>Broken content reaches the admin dashboard, each problem with its file and line.</summary>
public sealed class ContentErrorsAttentionSource_Items : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task AddErrorsAsync(int count)
    {
        await using var db = _database.CreateContext();
        for (var i = 0; i < count; i++)
        {
            db.Add(new ContentError { SourcePath = $"posts/tech/{i:0000}-x.md", Line = i + 1, Message = $"Problem {i}", DetectedAt = DateTimeOffset.UtcNow });
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task NoErrors_NothingToSee()
    {
        var source = new ContentErrorsAttentionSource(new BlogReader(_database.CreateContextFactory()));

        Assert.Empty(await source.GetItemsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EachErrorNamesItsFileAndLine()
    {
        await using (var db = _database.CreateContext())
        {
            db.Add(new ContentError { SourcePath = "posts/tech/0003-broken.md", Line = 2, Message = "The title is missing.", DetectedAt = DateTimeOffset.UtcNow });
            db.Add(new ContentError { SourcePath = "categories.yml", Line = null, Message = "Unreadable.", DetectedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var items = await new ContentErrorsAttentionSource(new BlogReader(_database.CreateContextFactory())).GetItemsAsync(CancellationToken.None);

        Assert.Equal(["Content error in categories.yml", "Content error in posts/tech/0003-broken.md, line 2"], items.Select(i => i.Title));
        Assert.Equal("The title is missing.", items[1].Detail);
        Assert.All(items, i => Assert.Equal(AttentionLevel.Error, i.Level));
    }

    [Fact]
    public async Task ManyErrors_AreCappedWithASummary()
    {
        await AddErrorsAsync(ContentErrorsAttentionSource.MaxListed + 5);

        var items = await new ContentErrorsAttentionSource(new BlogReader(_database.CreateContextFactory())).GetItemsAsync(CancellationToken.None);

        Assert.Equal(ContentErrorsAttentionSource.MaxListed + 1, items.Count);
        Assert.Equal("5 more content errors", items[^1].Title);
    }
}
