using System.Net;
using Site.Blazor.Tests.Blog;

namespace Site.Blazor.Tests.Graph;

/// <summary>The graph's pages over the demo content: the static fallback in the HTML, caching and framing.</summary>
public class GraphPages_Rendering(BlogSiteFixture site) : IClassFixture<BlogSiteFixture>
{
    [Fact]
    public async Task GraphPage_HasTheIslandAndEveryPostAsAPlainLink()
    {
        using var client = site.Anonymous();

        var html = await client.GetStringAsync("/graph");

        Assert.Contains("data-test=\"graph-link-list\"", html);
        Assert.Contains("href=\"/b/tech/postgres-as-a-queue/\"", html);
        Assert.Contains("29 posts", html);
        Assert.Contains("\"type\":\"server\"", html);
        Assert.Contains("_framework/blazor.web", html);
    }

    [Fact]
    public async Task PostPage_StaysCached_WithItsLinksInTheHtmlAndTheGraphInALazyFrame()
    {
        using var client = site.Anonymous(userAgent: "Mozilla/5.0 (X11; Linux x86_64) Graph-cache-test");

        using var first = await client.GetAsync("/b/projects/the-site-itself/");
        using var second = await client.GetAsync("/b/projects/the-site-itself/");
        var html = await second.Content.ReadAsStringAsync();

        Assert.True(second.Headers.Age is not null, "the post page should still come from the output cache");
        Assert.DoesNotContain("no-store", second.Headers.CacheControl?.ToString() ?? "");
        Assert.Contains("data-test=\"post-graph\"", html);
        Assert.Matches("<iframe class=\"post-graph-frame\" src=\"/graph/embed/\\d+\" loading=\"lazy\"", html);
        Assert.Contains("links to", html);
        Assert.Contains("linked from", html);
        Assert.DoesNotContain("\"type\":\"server\"", html);
        Assert.DoesNotContain("_framework/blazor.web", html);
    }

    [Fact]
    public async Task HomePage_StaysCached_WithTheWholeGraphInALazyFrame()
    {
        using var client = site.Anonymous(userAgent: "Mozilla/5.0 (X11; Linux x86_64) Home-graph-cache-test");

        using var first = await client.GetAsync("/");
        using var second = await client.GetAsync("/");
        var html = await second.Content.ReadAsStringAsync();

        Assert.True(second.Headers.Age is not null, "the home page should come from the output cache: " + second.Headers + first.Headers);
        Assert.DoesNotContain("no-store", second.Headers.CacheControl?.ToString() ?? "");
        Assert.Contains("<iframe class=\"post-graph-frame\" src=\"/graph/embed\" loading=\"lazy\"", html);
        Assert.Contains("href=\"/b/tech/postgres-as-a-queue/\"", html);
        Assert.DoesNotContain("_framework/blazor.web", html);

        var frame = await client.GetStringAsync("/graph/embed");
        Assert.Contains("\"type\":\"server\"", frame);
    }

    [Fact]
    public async Task EmbedPage_MayBeFramedByThisSiteOnly_AndUnknownPostsAre404()
    {
        using var client = site.Anonymous();
        var graph = await client.GetStringAsync("/api/knowledge-graph/");
        var id = System.Text.Json.JsonDocument.Parse(graph).RootElement.GetProperty("data").GetProperty("nodes")[0].GetProperty("id").GetInt32();

        using var embed = await client.GetAsync($"/graph/embed/{id}");
        using var missing = await client.GetAsync("/graph/embed/999999");
        using var post = await client.GetAsync("/b/projects/the-site-itself/");

        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.Contains("frame-ancestors 'self'", embed.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("SAMEORIGIN", embed.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("frame-ancestors 'none'", post.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", post.Headers.GetValues("X-Frame-Options").Single());
    }
}
