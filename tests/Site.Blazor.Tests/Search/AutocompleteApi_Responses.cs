using System.Net;
using System.Text.Json;

namespace Site.Blazor.Tests.Search;

/// <summary><c>/api/search/autocomplete/</c> over the demo content: shape, limits, privacy and hostile input.</summary>
public sealed class AutocompleteApi_Responses(SearchSiteFixture site) : IClassFixture<SearchSiteFixture>
{
    private async Task<JsonElement> SuggestAsync(string query, bool admin = false)
    {
        using var client = admin ? site.Admin() : site.Anonymous();
        using var response = await client.GetAsync("/api/search/autocomplete/?q=" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task ReturnsTitleTypeUrlAndCategory_ForTitlesStartingWithTheWords()
    {
        var suggestions = await SuggestAsync("postg");

        var first = suggestions[0];
        Assert.Equal("PostgreSQL is a fine job queue", first.GetProperty("title").GetString());
        Assert.Equal("post", first.GetProperty("type").GetString());
        Assert.Equal("/b/tech/postgres-as-a-queue/", first.GetProperty("url").GetString());
        Assert.Equal("tech", first.GetProperty("category").GetString());
        Assert.All(suggestions.EnumerateArray(), s =>
            Assert.Equal(["category", "title", "type", "url"], s.EnumerateObject().Select(p => p.Name).Order()));
    }

    [Fact]
    public async Task MixesKinds_WithinTheLimits()
    {
        var suggestions = (await SuggestAsync("th")).EnumerateArray().ToList();
        var kinds = suggestions.Select(s => s.GetProperty("type").GetString()).ToList();

        Assert.InRange(suggestions.Count, 1, 10);
        Assert.True(kinds.Count(k => k == "post") <= 5);
        Assert.True(kinds.Count(k => k == "project") <= 3);
        Assert.True(kinds.Count(k => k == "book") <= 2);
        Assert.Contains("project", kinds);
        Assert.Contains("book", kinds);
        Assert.Equal(kinds.OrderBy(k => Array.IndexOf(["post", "project", "book", "album", "photo"], k)), kinds);
    }

    [Fact]
    public async Task NeedsTwoCharacters()
    {
        Assert.Equal(0, (await SuggestAsync("p")).GetArrayLength());
        Assert.Equal(0, (await SuggestAsync("")).GetArrayLength());
    }

    [Fact]
    public async Task Drafts_OnlyForTheAdmin()
    {
        static IEnumerable<string?> Titles(JsonElement e) => e.EnumerateArray().Select(s => s.GetProperty("title").GetString());

        Assert.DoesNotContain("Notes on search for a small site", Titles(await SuggestAsync("notes")));
        Assert.Contains("Notes on search for a small site", Titles(await SuggestAsync("notes", admin: true)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%26%7C!%3A*()'")]
    [InlineData("a%20%26%20b%3A*")]
    [InlineData("'%3B%20DROP%20TABLE%20search_documents%3B%20--")]
    [InlineData("%F0%9F%8E%89%F0%9F%8E%89")]
    [InlineData("%00%00")]
    [InlineData("%ED%A0%80x")]
    public async Task HostileQueries_GiveAnArray_NeverAnError(string query)
    {
        var suggestions = await SuggestAsync(query);

        Assert.Equal(JsonValueKind.Array, suggestions.ValueKind);
    }

    [Fact]
    public async Task AVeryLongQuery_IsAnsweredQuickly()
    {
        var suggestions = await SuggestAsync(new string('x', 10_000));

        Assert.Equal(0, suggestions.GetArrayLength());
    }
}
