using Site.Data.Search;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>
/// Counting stops early for words found in very many rows and for phrases whose words share very many rows; the
/// results then say their counts are "at least", and what they do show still matches.
/// </summary>
public sealed class SearchQueries_LongCounts : IAsyncLifetime
{
    private const int Apart = SearchQueries.PhraseExamineLimit + 20;
    private const int Together = 5;

    private readonly SearchTestIndex _index = new();

    public async Task InitializeAsync()
    {
        await _index.InitializeAsync();
        for (var i = 0; i < Together; i++)
        {
            _index.Add(SearchKind.Post, $"Evening {i}", body: "We lit the amber lantern by the door.");
        }

        for (var i = 0; i < Apart; i++)
        {
            _index.Add(SearchKind.Post, $"Morning {i}", body: "An amber sky, and later a paper lantern.");
        }

        _index.Add(SearchKind.Book, "Lantern makers", body: "An amber lantern on the cover.");
        await _index.RebuildAsync();
    }

    public Task DisposeAsync() => _index.DisposeAsync();

    [Fact]
    public async Task AWordInMoreRowsThanTheCap_CountsToTheCap_AsAtLeast()
    {
        var results = await _index.Queries.SearchAsync(new SearchRequest("amber"));

        Assert.Equal(SearchPaging.CountCap, results.CountsByKind[SearchKind.Post]);
        Assert.True(results.IsUnfinished(SearchKind.Post));
        Assert.Equal(1, results.CountsByKind[SearchKind.Book]);
        Assert.False(results.IsUnfinished(SearchKind.Book));
        Assert.True(results.IsUnfinished(null));
        Assert.Equal(SearchPaging.PageSize, results.Hits.Count);
    }

    [Fact]
    public async Task APhraseWhoseWordsShareMoreRowsThanAreChecked_ShowsOnlyTrueMatches_WithAnAtLeastCount()
    {
        var results = await _index.Queries.SearchAsync(new SearchRequest("\"amber lantern\""));

        Assert.True(results.IsUnfinished(SearchKind.Post));
        Assert.InRange(results.CountsByKind[SearchKind.Post], 1, Together);
        Assert.False(results.IsUnfinished(SearchKind.Book));
        Assert.Equal(1, results.CountsByKind[SearchKind.Book]);
        Assert.All(results.Hits, h => Assert.True(h.Title.StartsWith("Evening", StringComparison.Ordinal) || h.Title == "Lantern makers", h.Title));
        Assert.Contains(results.Hits, h => h.Title.StartsWith("Evening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANegatedPhrase_IsNotLoosened_AndDropsOnlyTheAdjacentWords()
    {
        var results = await _index.Queries.SearchAsync(new SearchRequest("lantern -\"amber lantern\"", SearchKind.Post));

        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits, h => Assert.StartsWith("Morning", h.Title));
    }
}
