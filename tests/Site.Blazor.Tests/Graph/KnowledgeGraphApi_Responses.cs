using System.Net;
using System.Text.Json;
using Site.Blazor.Tests.Blog;

namespace Site.Blazor.Tests.Graph;

/// <summary><c>/api/knowledge-graph/</c> over the demo content: the response shape, neighbourhoods and bad input.</summary>
public class KnowledgeGraphApi_Responses(BlogSiteFixture site) : IClassFixture<BlogSiteFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string query = "")
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/api/knowledge-graph/" + query);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    [Fact]
    public async Task WholeGraph_HasTheStatusDataAndMetadataShape()
    {
        var (status, body) = await GetAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("success", body.GetProperty("status").GetString());
        var nodes = body.GetProperty("data").GetProperty("nodes");
        var edges = body.GetProperty("data").GetProperty("edges");
        var metrics = body.GetProperty("data").GetProperty("metrics");
        Assert.Equal(29, nodes.GetArrayLength());
        Assert.True(edges.GetArrayLength() > 0);
        Assert.Equal(nodes.GetArrayLength(), body.GetProperty("metadata").GetProperty("nodes_count").GetInt32());
        Assert.Equal(edges.GetArrayLength(), body.GetProperty("metadata").GetProperty("edges_count").GetInt32());
        Assert.Equal(29, metrics.GetProperty("total_posts").GetInt32());
        Assert.Equal(edges.GetArrayLength(), metrics.GetProperty("total_links").GetInt32());
        Assert.Equal(Math.Round((decimal)edges.GetArrayLength() / 29, 2), metrics.GetProperty("average_links_per_post").GetDecimal());
        Assert.InRange(metrics.GetProperty("most_linked_posts").GetArrayLength(), 1, 5);
        var node = nodes[0];
        foreach (var field in new[] { "id", "title", "category", "url", "in_degree", "out_degree" })
        {
            Assert.True(node.TryGetProperty(field, out _), $"node field {field}");
        }

        var edge = edges[0];
        foreach (var field in new[] { "source", "target", "link_text", "context", "count" })
        {
            Assert.True(edge.TryGetProperty(field, out _), $"edge field {field}");
        }

        // Every edge joins two nodes of the graph: no ghost nodes for missing posts.
        var ids = nodes.EnumerateArray().Select(n => n.GetProperty("id").GetInt32()).ToHashSet();
        Assert.All(edges.EnumerateArray(), e => Assert.True(ids.Contains(e.GetProperty("source").GetInt32()) && ids.Contains(e.GetProperty("target").GetInt32())));
        // The draft is not part of the readers' graph.
        Assert.DoesNotContain(nodes.EnumerateArray(), n => n.GetProperty("title").GetString() == "Notes on search for a small site");
    }

    [Fact]
    public async Task Neighbourhood_HoldsThePostAndGrowsWithDepth()
    {
        var (_, whole) = await GetAsync();
        var hub = whole.GetProperty("data").GetProperty("metrics").GetProperty("most_linked_posts")[0].GetProperty("id").GetInt32();

        var (status0, depth0) = await GetAsync($"?post={hub}&depth=0");
        var (status1, depth1) = await GetAsync($"?post={hub}");
        var (_, depth2) = await GetAsync($"?post={hub}&depth=2");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status0, status1));
        Assert.Equal(1, depth0.GetProperty("metadata").GetProperty("nodes_count").GetInt32());
        var inDegree = whole.GetProperty("data").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetInt32() == hub).GetProperty("in_degree").GetInt32();
        Assert.True(depth1.GetProperty("metadata").GetProperty("nodes_count").GetInt32() >= 1 + inDegree);
        Assert.Contains(depth1.GetProperty("data").GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetInt32() == hub);
        Assert.True(depth2.GetProperty("metadata").GetProperty("nodes_count").GetInt32() >= depth1.GetProperty("metadata").GetProperty("nodes_count").GetInt32());
    }

    [Theory]
    [InlineData("?post=abc", "'post' must be a post id")]
    [InlineData("?post=-1", "'post' must be a post id")]
    [InlineData("?post=1&depth=9", "'depth' must be a whole number from 0 to 3")]
    [InlineData("?post=1&depth=-1", "'depth' must be a whole number from 0 to 3")]
    [InlineData("?post=1&depth=1.5", "'depth' must be a whole number from 0 to 3")]
    [InlineData("?depth=2", "'depth' needs 'post'")]
    [InlineData("?post=1&post=2", "'post' was given more than once")]
    [InlineData("?post=99999999999999999999", "'post' must be a post id")]
    [InlineData("?post=%3Cscript%3E", "'post' must be a post id")]
    public async Task BadQuery_Is400WithASentence(string query, string expected)
    {
        var (status, body) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Contains(expected, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnknownPost_Is404WithASentence()
    {
        var (status, body) = await GetAsync("?post=999999");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no published post with id 999999", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task IsReadOnly_NoRefreshFromOutside()
    {
        using var client = site.Anonymous();
        using var post = await client.PostAsync("/api/knowledge-graph/", new StringContent(""));
        using var delete = await client.DeleteAsync("/api/knowledge-graph/");

        // Only GET is mapped; other methods are refused before reaching the graph (405, or 400 from antiforgery).
        Assert.InRange((int)post.StatusCode, 400, 405);
        Assert.InRange((int)delete.StatusCode, 400, 405);
    }
}

/// <summary><c>/api/knowledge-graph/screenshot/</c> before the jobs host took any picture.</summary>
public class GraphScreenshotEndpoint_Responses(BlogSiteFixture site) : IClassFixture<BlogSiteFixture>
{
    [Fact]
    public async Task WithoutAScreenshot_Is404WithASentence_AndPagesKeepTheirOwnSocialImage()
    {
        using var client = site.Anonymous();

        using var response = await client.GetAsync("/api/knowledge-graph/screenshot/");
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no screenshot of the graph yet", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("/api/knowledge-graph/screenshot/", home);
    }
}
