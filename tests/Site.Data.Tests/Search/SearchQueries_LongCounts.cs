using Site.Data.Search;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>
/// Counting stops early for words found in very many rows and for phrases whose words share very many rows; the
/// results then say their counts are "at least", and what they do show still matches.
/// </summary>
public sealed class SearchQueries_LongCounts : IAsyncLifetime
{
    // "amber" is in more posts than the cap; "amber lantern" in fewer, but in more than a phrase is checked in.
    private const int Apart = SearchQueries.CheckLimit + 20;
    private const int Together = 5;

    /// <summary>Posts with "amber" in the title and no "lantern": enough to fill a page's candidates.</summary>
    private const int Titled = 40;

    private readonly SearchTestIndex _index = new();

    public async Task InitializeAsync()
    {
        Assert.InRange(Apart + Together, SearchQueries.CheckLimit + 1, SearchPaging.CountCap - 1);
        Assert.True(Apart + Together + Titled >= SearchPaging.CountCap);
        await _index.InitializeAsync();
        for (var i = 0; i < Together; i++)
        {
            _index.Add(SearchKind.Post, $"Evening {i}", body: "We lit the amber lantern by the door.");
        }

        for (var i = 0; i < Apart; i++)
        {
            _index.Add(SearchKind.Post, $"Morning {i}", body: "An amber sky, and later a paper lantern.");
        }

        for (var i = 0; i < Titled; i++)
        {
            _index.Add(SearchKind.Post, $"Amber notes {i}", body: "Resin, honey and old glass.");
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
        Assert.All(results.Hits, h => Assert.StartsWith("Amber notes", h.Title));
    }

    [Fact]
    public async Task CountsOfCommonWords_StayExact_WhenTheirCombinationIsRarer()
    {
        // Each word alone is in more rows than the cap; the rows holding both, or one without the other, are fewer.
        var both = await _index.Queries.SearchAsync(new SearchRequest("amber lantern"));
        var without = await _index.Queries.SearchAsync(new SearchRequest("amber -lantern"));

        Assert.Equal(Apart + Together, both.CountsByKind[SearchKind.Post]);
        Assert.Equal(Titled, without.CountsByKind[SearchKind.Post]);
        Assert.False(both.IsUnfinished(SearchKind.Post));
        Assert.False(without.IsUnfinished(SearchKind.Post));
        Assert.All(without.Hits, h => Assert.StartsWith("Amber notes", h.Title));
    }

    [Fact]
    public async Task APhraseWhoseWordsShareMoreRowsThanAreChecked_ShowsOnlyTrueMatches_WithAnAtLeastCount()
    {
        var results = await _index.Queries.SearchAsync(new SearchRequest("\"amber lantern\""));

        Assert.True(results.IsUnfinished(SearchKind.Post));
        Assert.False(results.IsUnfinished(SearchKind.Book));
        Assert.Equal(1, results.CountsByKind[SearchKind.Book]);
        // Only the posts with the words together match the text ("Amber notes" titles come in by similarity).
        Assert.DoesNotContain(results.Hits, h => h.Title.StartsWith("Morning", StringComparison.Ordinal));
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
