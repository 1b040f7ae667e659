using Microsoft.EntityFrameworkCore;
using Site.Data.Search;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>Every kind of bad query gives sane results or none, never an exception, and the index is untouched.</summary>
public sealed class SearchQueries_HostileInput : IAsyncLifetime
{
    private readonly SearchTestIndex _index = new();

    public async Task InitializeAsync()
    {
        await _index.InitializeAsync();
        _index.Add(SearchKind.Post, "Django Tutorial", "Build a blog.", "Models and views. Ünïcödé and 日本語のテキスト and Кириллица.");
        _index.Add(SearchKind.Post, "Emoji 🎉 party", "Fun.", "Cake 🍰.");
        _index.Add(SearchKind.Project, "Drop table detector", "Finds SQL in queries.", "");
        await _index.RebuildAsync();
    }

    public Task DisposeAsync() => _index.DisposeAsync();

    public static TheoryData<string> HostileQueries() =>
    [
        "",
        "   ",
        new string('a', 10_000),
        string.Concat(Enumerable.Repeat("django ", 1_500)),
        "&|!:*()'",
        "'\"&|!:*()<>-",
        "!!!",
        "django & | !tutorial:*",
        "(django | tutorial) <-> views:B",
        "'; DROP TABLE search_documents; --",
        "1' OR '1'='1",
        "django\0tutorial",
        "\u0001\u0002\u001f",
        "🎉",
        "🎉🍰💥",
        "日本語",
        "кириллица django",
        "\ud800 lone surrogate \udc00",
        "\"unclosed phrase",
        "- - -",
        "-django",
        "or or or",
        "\uE000django\uE001",
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Search_NeverThrows(string query)
    {
        foreach (var kind in new SearchKind?[] { null, SearchKind.Post })
        {
            var results = await _index.Queries.SearchAsync(new SearchRequest(query, kind, Category: query, Page: int.MaxValue, IncludePrivate: true));
            Assert.True(results.Query.Length <= SearchQueryText.MaxLength);
            Assert.All(results.Hits, h => Assert.DoesNotContain("<script", h.SnippetHtml));
        }

        await using var db = _index.Database.CreateContext();
        Assert.Equal(3, await db.Set<SearchDocument>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Autocomplete_NeverThrows_AndNeverReturnsMoreThanTen(string query)
    {
        var suggestions = await _index.Queries.AutocompleteAsync(query, includePrivate: true);

        Assert.True(suggestions.Count <= AutocompleteMix.Total);
    }

    [Fact]
    public async Task EmojiAndOtherScripts_StillFindTheirRows()
    {
        Assert.Contains("Django Tutorial", await _index.TitlesAsync("кириллица"));
        Assert.Contains("Emoji 🎉 party", await _index.TitlesAsync("emoji 🎉"));
    }

    [Fact]
    public async Task AVeryLongQuery_IsCutToTheCap_AndStillSearches()
    {
        var results = await _index.Queries.SearchAsync(new SearchRequest("django " + new string('x', 10_000)));

        Assert.Equal(SearchQueryText.MaxLength, results.Query.Length);
    }
}
