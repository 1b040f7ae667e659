using Microsoft.EntityFrameworkCore;
using Site.Data.Search;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>
/// The title-word table autocomplete reads is kept in step with the index by the database itself: written on insert,
/// rewritten when a title or its privacy changes, removed with its document; and short prefixes find the right titles.
/// </summary>
public sealed class SearchTitleWords_FollowTheIndex : IAsyncLifetime
{
    private readonly SearchTestIndex _index = new();

    public Task InitializeAsync() => _index.InitializeAsync();

    public Task DisposeAsync() => _index.DisposeAsync();

    private async Task<List<(string Word, bool StartsTitle, bool IsPrivate)>> WordsOfAsync(SearchDocumentInput document, SearchKind kind)
    {
        await using var db = _index.Database.CreateContext();
        var rows = await (from w in db.Set<SearchTitleWord>()
                          join d in db.Set<SearchDocument>() on w.DocumentId equals d.Id
                          where d.Kind == kind.Name && d.SourceId == document.SourceId
                          orderby w.Word
                          select new { w.Word, w.StartsTitle, w.IsPrivate, w.Kind }).ToListAsync();
        Assert.All(rows, r => Assert.Equal(kind.Name, r.Kind));
        return [.. rows.Select(r => (r.Word, r.StartsTitle, r.IsPrivate))];
    }

    [Fact]
    public async Task WordsAreWrittenOnInsert_RewrittenOnChange_AndRemovedWithTheDocument()
    {
        var post = _index.Add(SearchKind.Post, "Café Racer build");
        var other = _index.Add(SearchKind.Post, "Another post");
        await _index.RebuildAsync();

        Assert.Equal([("build", false, false), ("cafe", true, false), ("racer", false, false)], await WordsOfAsync(post, SearchKind.Post));

        _index.Sources[SearchKind.Post].Documents[0] = post with { Title = "Racer finished", IsPrivate = true };
        await _index.RebuildAsync();
        Assert.Equal([("finished", false, true), ("racer", true, true)], await WordsOfAsync(post, SearchKind.Post));

        _index.Sources[SearchKind.Post].Documents.RemoveAt(0);
        await _index.RebuildAsync();
        Assert.Empty(await WordsOfAsync(post, SearchKind.Post));
        Assert.Equal([("another", true, false), ("post", false, false)], await WordsOfAsync(other, SearchKind.Post));

        // The dictionary of title words misspellings are matched against: a full rebuild leaves only words in use.
        await using var db = _index.Database.CreateContext();
        Assert.Equal(["another", "post"], await db.Set<SearchWord>().OrderBy(w => w.Word).Select(w => w.Word).ToListAsync());
    }

    [Fact]
    public async Task AMisspeltWord_FindsTitlesThroughTheWordDictionary_NeverPrivateOnesForReaders()
    {
        _index.Add(SearchKind.Photo, "Lighthouse at dusk");
        _index.Add(SearchKind.Photo, "Lighthouse keeper's log", isPrivate: true);
        _index.Add(SearchKind.Post, "Harbour walls");
        await _index.RebuildAsync();

        Assert.Equal(["Lighthouse at dusk"], await _index.TitlesAsync("lihgthouse"));
        Assert.Equal(2, (await _index.TitlesAsync("lighthuose", includePrivate: true)).Count);
    }

    [Fact]
    public async Task TwoLetters_SuggestTitlesStartingWithThemFirst_ThenShorterTitles_AndNeverPrivateOnes()
    {
        _index.Add(SearchKind.Post, "Paddling a kayak");
        _index.Add(SearchKind.Post, "Kayak trip along the coast");
        _index.Add(SearchKind.Post, "Kayak");
        _index.Add(SearchKind.Post, "Kale soup");
        _index.Add(SearchKind.Post, "Kayaking in secret", isPrivate: true);
        _index.Add(SearchKind.Post, "Walking");
        await _index.RebuildAsync();

        var suggestions = await _index.Queries.AutocompleteAsync("Ka", includePrivate: false);
        Assert.Equal(["Kayak", "Kale soup", "Kayak trip along the coast", "Paddling a kayak"], suggestions.Select(s => s.Title));

        var admin = await _index.Queries.AutocompleteAsync("ka", includePrivate: true);
        Assert.Contains(admin, s => s.Title == "Kayaking in secret");
    }

    [Fact]
    public async Task SeveralWords_AllMustStartTitleWords()
    {
        _index.Add(SearchKind.Photo, "Harbour at dawn");
        _index.Add(SearchKind.Photo, "Harbour at dusk");
        _index.Add(SearchKind.Photo, "Dawn chorus");
        await _index.RebuildAsync();

        Assert.Equal(["Harbour at dawn"], (await _index.Queries.AutocompleteAsync("harb da", false)).Select(s => s.Title));
        Assert.Equal(["Dawn chorus", "Harbour at dawn"], (await _index.Queries.AutocompleteAsync("daw", false)).Select(s => s.Title));
    }
}
