using Microsoft.EntityFrameworkCore;
using Site.Data.Search;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>The indexer writes what changed, only that, removes what is gone, and updates single rows on request.</summary>
public sealed class SearchIndexer_Write : IAsyncLifetime
{
    private readonly SearchTestIndex _index = new();

    public Task InitializeAsync() => _index.InitializeAsync();

    public Task DisposeAsync() => _index.DisposeAsync();

    [Fact]
    public async Task ASecondRebuild_WritesNothing_AndAChangedRowIsRewritten()
    {
        var first = _index.Add(SearchKind.Post, "First post");
        _index.Add(SearchKind.Book, "A book");

        var initial = await _index.RebuildAsync();
        var again = await _index.RebuildAsync();
        _index.Sources[SearchKind.Post].Documents[0] = first with { Title = "First post, renamed" };
        var changed = await _index.RebuildAsync();

        Assert.Equal((2, 2, 0), (initial.Read, initial.Written, initial.Removed));
        Assert.Equal((2, 0, 0), (again.Read, again.Written, again.Removed));
        Assert.Equal((2, 1, 0), (changed.Read, changed.Written, changed.Removed));
        Assert.Equal(["First post, renamed"], await _index.TitlesAsync("renamed"));
    }

    [Fact]
    public async Task RowsWhoseSourceIsGone_AreRemoved_ByARebuildAndByANamedUpdate()
    {
        var keep = _index.Add(SearchKind.Photo, "Harbour at dawn");
        var drop = _index.Add(SearchKind.Photo, "Harbour at dusk");
        var other = _index.Add(SearchKind.Photo, "Harbour at noon");
        await _index.RebuildAsync();

        _index.Sources[SearchKind.Photo].Documents.Remove(drop);
        _index.Sources[SearchKind.Photo].Documents.Remove(other);
        var update = await _index.Indexer.UpdateAsync("photo", [drop.SourceId]);

        Assert.Equal((0, 0, 1), (update.Read, update.Written, update.Removed));
        await using (var db = _index.Database.CreateContext())
        {
            Assert.Equal([keep.SourceId, other.SourceId], await db.Set<SearchDocument>().OrderBy(d => d.SourceId).Select(d => d.SourceId).ToListAsync());
        }

        var rebuild = await _index.RebuildAsync();
        Assert.Equal(1, rebuild.Removed);
    }

    [Fact]
    public async Task ControlCharactersAndSnippetMarkers_InContent_NeverReachTheIndex()
    {
        _index.Add(SearchKind.Post, "Odd\u0000 title\uE000", "desc\u0007ription", "body \uE001 text\u0001");
        await _index.RebuildAsync();

        await using var db = _index.Database.CreateContext();
        var row = await db.Set<SearchDocument>().SingleAsync();
        Assert.Equal(("Odd title", "desc ription", "body text"), (row.Title, row.Description, row.Body));
    }

    [Fact]
    public async Task AnUnknownKind_IsSkipped()
    {
        var result = await _index.Indexer.UpdateAsync("unknown", null);

        Assert.Equal(0, result.Read);
    }
}
