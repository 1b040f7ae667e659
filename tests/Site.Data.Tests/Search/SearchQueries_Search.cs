using Site.Data.Search;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>Full search against a real PostgreSQL: ranking, typos, accents, web-search syntax, privacy and paging.</summary>
public sealed class SearchQueries_Search : IAsyncLifetime
{
    private readonly SearchTestIndex _index = new();

    public async Task InitializeAsync()
    {
        await _index.InitializeAsync();
        var i = _index;
        i.Add(SearchKind.Post, "Django Tutorial", "Build a blog with the web framework.", "Models, views and templates, step by step.");
        i.Add(SearchKind.Post, "Django Admin Tricks", "Customise the admin.", "List filters and actions.");
        i.Add(SearchKind.Post, "Notes on queues", "Why PostgreSQL is a fine queue.", "SKIP LOCKED claims rows; the queue table stays small.");
        i.Add(SearchKind.Post, "Locks and leases", "Advisory locks.", "A lease is renewed. Table partitioning helps a queue later.");
        i.Add(SearchKind.Post, "Garden diary", "Tomatoes and beans.", "Nothing about computers in here at all, except PostgreSQL once.");
        i.Add(SearchKind.Post, "PostgreSQL in practice", "Running a database for years.", "Vacuum, indexes, backups.");
        i.Add(SearchKind.Post, "Café culture in Lisbon", "Pastéis de nata and espresso.", "The best café near the river.");
        i.Add(SearchKind.Post, "Cheap coffee at home", "A moka pot is enough.", "Resume: no cafe needed.");
        i.Add(SearchKind.Post, "Draft about secret plans", "Not ready.", "Zanzibar expedition.", isPrivate: true);
        i.Add(SearchKind.Project, "Queue monitor", "A dashboard for PostgreSQL job queues.", "C#, Blazor");
        i.Add(SearchKind.Book, "Designing Data-Intensive Applications", "by Martin Kleppmann", "Queues, logs and streams.");
        i.Add(SearchKind.Album, "Zanzibar holiday", "Private trip photos.", "", isPrivate: true);
        i.Add(SearchKind.Photo, "IMG_2041", "Canon EOS R5 · RF 24-70mm", "Taken 2 May 2024", isPrivate: true);
        i.Add(SearchKind.Album, "Lisbon streets", "Trams and tiles.", "");
        await _index.RebuildAsync();
    }

    public Task DisposeAsync() => _index.DisposeAsync();

    [Fact]
    public async Task TitleMatchesRankAboveDescriptionMatches_WhichRankAboveBodyMatches()
    {
        var titles = await _index.TitlesAsync("postgresql", kind: SearchKind.Post);

        Assert.Equal("PostgreSQL in practice", titles[0]);
        Assert.True(titles.ToList().IndexOf("Notes on queues") < titles.ToList().IndexOf("Garden diary"), string.Join(" | ", titles));
    }

    [Fact]
    public async Task APartialWord_FindsTheTitle_ByTrigramSimilarity()
    {
        var titles = await _index.TitlesAsync("djang");

        Assert.Equal(["Django Admin Tricks", "Django Tutorial"], titles.Take(2).Order().ToList());
        Assert.DoesNotContain("Garden diary", titles);
    }

    [Fact]
    public async Task AMisspeltWord_StillFindsTheTitle()
    {
        Assert.Contains("Django Tutorial", await _index.TitlesAsync("djnago tutorial"));
    }

    [Theory]
    [InlineData("cafe")]
    [InlineData("café")]
    [InlineData("CAFÉ")]
    public async Task AccentsAndCaseDoNotMatter(string query)
    {
        var titles = await _index.TitlesAsync(query);

        Assert.Equal("Café culture in Lisbon", titles[0]);
        Assert.Contains("Cheap coffee at home", titles);
    }

    [Fact]
    public async Task AQuotedPhrase_MatchesTheWordsTogether_NotApart_InTheText()
    {
        var titles = await _index.TitlesAsync("\"queue table\"");

        Assert.Equal("Notes on queues", titles[0]);
        Assert.DoesNotContain("Locks and leases", titles);
    }

    [Fact]
    public async Task Or_FindsEither()
    {
        var titles = await _index.TitlesAsync("tomatoes or vacuum");

        Assert.Contains("Garden diary", titles);
        Assert.Contains("PostgreSQL in practice", titles);
    }

    [Fact]
    public async Task AMinusWord_ExcludesRowsHoldingIt_EvenWhenTheTitleLooksSimilar()
    {
        var titles = await _index.TitlesAsync("django -tutorial");

        Assert.Contains("Django Admin Tricks", titles);
        Assert.DoesNotContain("Django Tutorial", titles);
    }

    [Fact]
    public async Task AnExclusion_WithNoWantedWordButStopWords_FindsNothing_RatherThanEverythingElse()
    {
        var results = await _index.Queries.SearchAsync(new SearchRequest("the -django"));

        Assert.Empty(results.Hits);
        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task PrivateRows_AreReturnedOnlyToTheAdmin()
    {
        var asReader = (await _index.TitlesAsync("zanzibar")).Concat(await _index.TitlesAsync("canon")).ToList();
        Assert.DoesNotContain("Zanzibar holiday", asReader);
        Assert.DoesNotContain("Draft about secret plans", asReader);
        Assert.DoesNotContain("IMG_2041", asReader);

        var asAdmin = await _index.TitlesAsync("zanzibar", includePrivate: true);
        Assert.Equal(["Draft about secret plans", "Zanzibar holiday"], asAdmin.Take(2).Order().ToList());
        Assert.Equal("IMG_2041", (await _index.TitlesAsync("canon", includePrivate: true))[0]);
    }

    [Fact]
    public async Task CountsPerKind_CoverEveryKind_WhileTheKindFilterNarrowsTheHits()
    {
        var all = await _index.Queries.SearchAsync(new SearchRequest("queue"));
        var books = await _index.Queries.SearchAsync(new SearchRequest("queue", SearchKind.Book));

        Assert.True(all.CountsByKind[SearchKind.Post] >= 2);
        Assert.Equal(1, all.CountsByKind[SearchKind.Project]);
        Assert.Equal(1, all.CountsByKind[SearchKind.Book]);
        Assert.Equal(all.CountsByKind, books.CountsByKind);
        Assert.False(all.IsUnfinished(null));
        Assert.Equal(["Designing Data-Intensive Applications"], books.Hits.Select(h => h.Title));
        Assert.Equal(1, books.Total);
    }

    [Fact]
    public async Task TheCategoryFilter_KeepsOnlyPostsOfThatCategory()
    {
        Assert.Empty((await _index.Queries.SearchAsync(new SearchRequest("django", Category: "life"))).Hits);
        Assert.Equal(2, (await _index.Queries.SearchAsync(new SearchRequest("django", Category: "tech"))).Hits.Count);
    }

    [Fact]
    public async Task Snippets_MarkTheMatches_AndEscapeEverythingElse()
    {
        var hit = (await _index.Queries.SearchAsync(new SearchRequest("skip locked"))).Hits[0];

        Assert.Equal("Notes on queues", hit.Title);
        Assert.Contains("<mark>SKIP</mark> <mark>LOCKED</mark>", hit.SnippetHtml);
    }

    [Fact]
    public async Task Snippets_HighlightAccentedWords_ForAnUnaccentedQuery()
    {
        var hit = (await _index.Queries.SearchAsync(new SearchRequest("cafe"))).Hits[0];

        Assert.Contains("<mark>café</mark>", hit.SnippetHtml);
    }
}
