using System.Net;

namespace Site.Blazor.Tests.Search;

/// <summary>The results page over the demo content: static HTML, grouped, highlighted, filtered, paged and safe.</summary>
public sealed class SearchPage_Rendering(SearchSiteFixture site) : IClassFixture<SearchSiteFixture>
{
    private async Task<string> PageAsync(string query, bool admin = false)
    {
        using var client = admin ? site.Admin() : site.Anonymous();
        using var response = await client.GetAsync("/search/" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task FindsPosts_WithHighlightedSnippets_GroupedUnderTheirType()
    {
        var html = await PageAsync("?q=postgresql");

        Assert.Contains("<a class=\"search-result-title\" href=\"/b/tech/postgres-as-a-queue/\">PostgreSQL is a fine job queue</a>", html);
        Assert.Contains("<h2 id=\"results-post\">Posts</h2>", html);
        Assert.Contains("<mark>PostgreSQL</mark>", html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", html);
        Assert.DoesNotContain("blazor.web.js", html);
    }

    [Fact]
    public async Task Drafts_AreFoundOnlyByTheAdmin()
    {
        Assert.DoesNotContain("Notes on search for a small site", await PageAsync("?q=search+notes"));
        Assert.Contains("Notes on search for a small site", await PageAsync("?q=search+notes", admin: true));
    }

    [Fact]
    public async Task TheTypeFilter_ShowsOneKind_AndTheCountsOfAll()
    {
        var html = await PageAsync("?q=design&type=books");

        Assert.Contains("A Philosophy of Software Design", html);
        Assert.DoesNotContain("<h2 id=\"results-post\">", html);
        Assert.Contains("href=\"/#book-", html);
        Assert.Contains("aria-current=\"page\">Books", html);
    }

    [Fact]
    public async Task AnUnknownTypeOrCategory_SaysSo_AndSearchesEverything()
    {
        var html = WebUtility.HtmlDecode(await PageAsync("?q=film&type=videos&category=nope"));

        Assert.Contains("There is no result type “videos”", html);
        Assert.Contains("There is no category “nope”", html);
        Assert.Contains("search-result-title", html);
    }

    [Fact]
    public async Task PagesThroughManyResults()
    {
        // Words most posts use somewhere, so more than one page of them matches.
        const string common = "?q=one+or+first+or+time+or+like+or+make+or+small+or+good+or+work+or+day&type=posts";
        var first = await PageAsync(common);
        var beyond = await PageAsync(common + "&page=999");

        Assert.Contains("Page 1 of ", first);
        Assert.Contains("rel=\"next\"", first);
        Assert.Contains("rel=\"prev\"", beyond);
        Assert.Contains("search-result-title", beyond);
    }

    [Fact]
    public async Task TheQueryIsEscapedEverywhereItIsShown()
    {
        var html = await PageAsync("?q=" + Uri.EscapeDataString("<script>alert(1)</script> \"><img src=x onerror=alert(1)>"));

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "",
        "?q=",
        "?q=" + new string('a', 10_000),
        "?q=" + Uri.EscapeDataString("&|!:*()'"),
        "?q=" + Uri.EscapeDataString("django & | !tutorial:* <-> (a"),
        "?q=" + Uri.EscapeDataString("'; DROP TABLE search_documents; --"),
        "?q=" + Uri.EscapeDataString("🎉🍰 кириллица 日本語"),
        "?q=%00%01%ff%fe",
        "?q=%ED%A0%80",
        "?q=film&page=-1",
        "?q=film&page=abc",
        "?q=film&page=99999999999999999999",
        "?q=film&type=%00",
        "?q=film&category=" + Uri.EscapeDataString("' OR 1=1 --"),
        "?q=a&q=b",
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task HostileQueries_GiveAPage_NeverAnError(string query)
    {
        var html = await PageAsync(query);

        Assert.Contains("<h1>Search</h1>", html);
    }

    [Fact]
    public async Task ReaderPages_CarryTheHeaderSearchForm_ThatWorksWithoutScript()
    {
        using var client = site.Anonymous();
        var home = await client.GetStringAsync("/");

        Assert.Contains("<form class=\"site-search\" action=\"/search/\" method=\"get\" role=\"search\"", home);
        Assert.Contains("name=\"q\"", home);
        Assert.Contains("js/site-search", home);
    }
}
