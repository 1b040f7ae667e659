using Site.Data.Search;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>Autocomplete: prefixes of title words, accent-blind, at most 5 posts, 3 projects, 2 books, 10 in all.</summary>
public sealed class SearchQueries_Autocomplete : IAsyncLifetime
{
    private readonly SearchTestIndex _index = new();

    public async Task InitializeAsync()
    {
        await _index.InitializeAsync();
        for (var n = 1; n <= 8; n++)
        {
            _index.Add(SearchKind.Post, $"Rust note {n}");
            _index.Add(SearchKind.Project, $"Rust tool {n}");
            _index.Add(SearchKind.Book, $"Rust book {n}");
            _index.Add(SearchKind.Album, $"Rusty gates {n}");
        }

        _index.Add(SearchKind.Photo, "Rusted bicycle", isPrivate: true);
        _index.Add(SearchKind.Post, "Crème brûlée");
        _index.Add(SearchKind.Post, "Django Tutorial", "About rust too", "rust rust rust");
        await _index.RebuildAsync();
    }

    public Task DisposeAsync() => _index.DisposeAsync();

    [Fact]
    public async Task TakesFivePostsThreeProjectsTwoBooks_ThenAlbums_TenInAll()
    {
        var suggestions = await _index.Queries.AutocompleteAsync("rus", includePrivate: false);

        Assert.Equal(10, suggestions.Count);
        Assert.Equal(
            [.. Enumerable.Repeat("post", 5), .. Enumerable.Repeat("project", 3), .. Enumerable.Repeat("book", 2)],
            suggestions.Select(s => s.Kind.Name));
        Assert.All(suggestions, s => Assert.StartsWith("Rust", s.Title));
    }

    [Fact]
    public async Task AlbumsAndPhotos_FillThePlacesOtherKindsLeave()
    {
        var suggestions = await _index.Queries.AutocompleteAsync("rusty", includePrivate: false);

        Assert.Equal(8, suggestions.Count);
        Assert.All(suggestions, s => Assert.Equal(SearchKind.Album, s.Kind));
    }

    [Fact]
    public async Task MatchesTitlesOnly()
    {
        var suggestions = await _index.Queries.AutocompleteAsync("rust", includePrivate: false);

        Assert.DoesNotContain(suggestions, s => s.Title == "Django Tutorial");
    }

    [Fact]
    public async Task IgnoresAccents_AndMatchesWordPrefixes()
    {
        Assert.Equal(["Crème brûlée"], (await _index.Queries.AutocompleteAsync("creme bru", false)).Select(s => s.Title));
        Assert.Equal(["Django Tutorial"], (await _index.Queries.AutocompleteAsync("dj", false)).Select(s => s.Title));
    }

    [Fact]
    public async Task PrivateRows_OnlyForTheAdmin()
    {
        Assert.Empty(await _index.Queries.AutocompleteAsync("rusted", includePrivate: false));
        Assert.Equal("Rusted bicycle", Assert.Single(await _index.Queries.AutocompleteAsync("rusted", includePrivate: true)).Title);
    }

    [Fact]
    public async Task NeedsTwoCharacters()
    {
        Assert.Empty(await _index.Queries.AutocompleteAsync("r", false));
        Assert.Empty(await _index.Queries.AutocompleteAsync(" r ", false));
        Assert.NotEmpty(await _index.Queries.AutocompleteAsync("ru", false));
    }
}
