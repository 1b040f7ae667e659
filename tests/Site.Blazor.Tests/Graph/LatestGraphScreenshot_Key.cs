using Microsoft.Extensions.Time.Testing;
using Site.Blazor.Graph;
using Site.Data.Graph;
using Site.TestSupport;

namespace Site.Blazor.Tests.Graph;

/// <summary>Which screenshot pages offer as their social image: looked up rarely, but a new site's first one shows soon.</summary>
public sealed class LatestGraphScreenshot_Key : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private async Task RecordAsync(string key, DateTimeOffset at)
    {
        await using var db = _database.CreateContext();
        db.Add(new KnowledgeGraphSnapshot { Hash = key, BuiltAt = at, ScreenshotKey = key, ScreenshotAt = at });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task TheFirstPicture_IsOfferedWithinSeconds_AndANewerOneWithinMinutes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var latest = new LatestGraphScreenshot(new GraphScreenshotQuery(_database.CreateContextFactory()), clock);
        Assert.Null(await latest.KeyAsync());

        await RecordAsync("graph/first.png", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal("graph/first.png", await latest.KeyAsync());

        await RecordAsync("graph/second.png", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("graph/first.png", await latest.KeyAsync());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("graph/second.png", await latest.KeyAsync());
    }
}
