using Microsoft.EntityFrameworkCore;
using Site.Data.Search;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>
/// The per-word row counts full search reads to skip counting very common words are kept in step with the index by
/// the database itself: added on insert, moved when a row's text, kind or privacy changes, taken away on delete.
/// </summary>
public sealed class SearchTermCounts_FollowTheIndex : IAsyncLifetime
{
    private readonly SearchTestIndex _index = new();

    public Task InitializeAsync() => _index.InitializeAsync();

    public Task DisposeAsync() => _index.DisposeAsync();

    private async Task<int> CountAsync(string lexeme, SearchKind kind, bool isPrivate)
    {
        await using var db = _index.Database.CreateContext();
        return await db.Set<SearchTermCount>()
            .Where(c => c.Lexeme == lexeme && c.Kind == kind.Name && c.IsPrivate == isPrivate)
            .Select(c => c.Documents).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task CountsFollowInserts_Changes_AndDeletes()
    {
        var first = _index.Add(SearchKind.Post, "Harbour walls", body: "Harbours and more harbours.");
        _index.Add(SearchKind.Post, "Lighthouse", body: "A harbour light.");
        _index.Add(SearchKind.Photo, "Harbour at dusk");
        await _index.RebuildAsync();

        Assert.Equal(2, await CountAsync("harbour", SearchKind.Post, isPrivate: false));
        Assert.Equal(1, await CountAsync("harbour", SearchKind.Photo, isPrivate: false));
        Assert.Equal(2, await CountAsync("", SearchKind.Post, isPrivate: false));
        Assert.Equal(1, await CountAsync("wall", SearchKind.Post, isPrivate: false));

        _index.Sources[SearchKind.Post].Documents[0] = first with { Title = "Stone walls", Body = "No boats.", IsPrivate = true };
        await _index.RebuildAsync();
        Assert.Equal(1, await CountAsync("harbour", SearchKind.Post, isPrivate: false));
        Assert.Equal(0, await CountAsync("harbour", SearchKind.Post, isPrivate: true));
        Assert.Equal(1, await CountAsync("wall", SearchKind.Post, isPrivate: true));
        Assert.Equal(0, await CountAsync("wall", SearchKind.Post, isPrivate: false));
        Assert.Equal(1, await CountAsync("", SearchKind.Post, isPrivate: false));
        Assert.Equal(1, await CountAsync("", SearchKind.Post, isPrivate: true));

        _index.Sources[SearchKind.Post].Documents.RemoveAt(0);
        await _index.RebuildAsync();
        Assert.Equal(0, await CountAsync("wall", SearchKind.Post, isPrivate: true));
        Assert.Equal(0, await CountAsync("", SearchKind.Post, isPrivate: true));
        Assert.Equal(1, await CountAsync("harbour", SearchKind.Post, isPrivate: false));
        Assert.Equal(1, await CountAsync("harbour", SearchKind.Photo, isPrivate: false));
    }
}
