using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Site.Blazor.Tests.Blog;

/// <summary>Feeds, the posts API, the sitemap and robots.txt over the demo content (functional).</summary>
public class BlogEndpoints_Responses(BlogSiteFixture site) : IClassFixture<BlogSiteFixture>
{
    private const int PublishedPosts = 29;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private async Task<XDocument> Xml(string path, string mediaType)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rss_ListsTheNewestPublishedPostsWithAbsoluteLinksAndFullText()
    {
        var rss = await Xml("/feed.xml", "application/rss+xml");

        var items = rss.Root!.Element("channel")!.Elements("item").ToList();
        Assert.Equal("2.0", rss.Root.Attribute("version")?.Value);
        Assert.Equal(20, items.Count);
        Assert.Equal("Moving house with a darkroom in boxes", items[0].Element("title")?.Value);
        Assert.Equal("https://blog.example.org/b/personal/moving-house/", items[0].Element("link")?.Value);
        Assert.Equal("Sun, 18 May 2025 00:00:00 GMT", items[0].Element("pubDate")?.Value);
        Assert.DoesNotContain(items, i => i.Element("title")?.Value == "Notes on search for a small site");
        var encoded = items.Select(i => i.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!.Value).ToList();
        Assert.Contains(encoded, html => html.Contains("href=\"https://blog.example.org/b/", StringComparison.Ordinal));
        Assert.DoesNotContain(encoded, html => html.Contains("href=\"/", StringComparison.Ordinal) || html.Contains("src=\"/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Atom_ListsTheSamePosts()
    {
        var atom = await Xml("/atom.xml", "application/atom+xml");

        var entries = atom.Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(20, entries.Count);
        Assert.Equal("https://blog.example.org/b/personal/moving-house/", entries[0].Element(Atom + "id")?.Value);
        Assert.Equal("2025-05-18T00:00:00Z", entries[0].Element(Atom + "published")?.Value);
        Assert.Equal("html", entries[0].Element(Atom + "content")?.Attribute("type")?.Value);
        Assert.Contains(atom.Root.Elements(Atom + "link"), l => l.Attribute("rel")?.Value == "self" && l.Attribute("href")?.Value == "https://blog.example.org/atom.xml");
    }

    [Theory]
    [InlineData("", 5)]
    [InlineData("?limit=2", 2)]
    [InlineData("?limit=50", PublishedPosts)]
    [InlineData("?limit=500", PublishedPosts)]
    [InlineData("?limit=abc", 5)]
    [InlineData("?limit=-1", 5)]
    public async Task PostsApi_AppliesTheLimitRules(string query, int expected)
    {
        using var client = site.Anonymous();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/posts/" + query));

        var posts = json.RootElement.GetProperty("posts");
        Assert.Equal(expected, posts.GetArrayLength());
        Assert.Equal(expected, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(PublishedPosts, json.RootElement.GetProperty("total").GetInt32());
        var first = posts[0];
        Assert.Equal("Moving house with a darkroom in boxes", first.GetProperty("title").GetString());
        Assert.Equal("https://blog.example.org/b/personal/moving-house/", first.GetProperty("url").GetString());
        Assert.Equal("personal", first.GetProperty("category").GetString());
        Assert.Equal("2025-05-18", first.GetProperty("published_date").GetString());
        Assert.Equal(29, first.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Sitemap_IsAnIndexOfSections_WithTheStaticAndBlogPriorities()
    {
        var index = await Xml("/sitemap.xml", "application/xml");
        var sections = index.Root!.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value).ToList();
        Assert.Equal(["https://blog.example.org/sitemap-static.xml", "https://blog.example.org/sitemap-blog.xml", "https://blog.example.org/sitemap-albums.xml"], sections);

        var staticPages = await Xml("/sitemap-static.xml", "application/xml");
        var home = Assert.Single(staticPages.Root!.Elements(Sitemap + "url"));
        Assert.Equal(("https://blog.example.org/", "1.0"), (home.Element(Sitemap + "loc")!.Value, home.Element(Sitemap + "priority")!.Value));

        var blog = await Xml("/sitemap-blog.xml", "application/xml");
        var priorities = blog.Root!.Elements(Sitemap + "url").ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Element(Sitemap + "priority")!.Value);
        Assert.Equal("0.9", priorities["https://blog.example.org/b/personal/moving-house/"]);
        Assert.Equal("0.5", priorities["https://blog.example.org/b/personal/hello-again/"]);
        Assert.Equal("0.5", priorities["https://blog.example.org/b/tech/"]);
        Assert.DoesNotContain("https://blog.example.org/b/tech/search-notes/", priorities.Keys);
        Assert.All(blog.Root.Elements(Sitemap + "url"), u => Assert.Equal("weekly", u.Element(Sitemap + "changefreq")?.Value));
    }

    [Theory]
    [InlineData("/sitemap-nothing.xml")]
    [InlineData("/sitemap-blog.xml?p=2")]
    [InlineData("/sitemap-blog.xml?p=0")]
    public async Task SitemapSectionsThatDoNotExist_AreNotFound(string path)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Robots_KeepsCrawlersOutOfAdminAndAccounts_BlocksSeoCrawlers_AndNamesTheSitemap()
    {
        using var client = site.Anonymous();
        var robots = await client.GetStringAsync("/robots.txt");

        Assert.Contains("User-agent: *\nDisallow: /admin\nDisallow: /account\n", robots);
        Assert.Contains("User-agent: AhrefsBot\nDisallow: /\n", robots);
        Assert.Contains("User-agent: SemrushBot\nDisallow: /\n", robots);
        Assert.EndsWith("Sitemap: https://blog.example.org/sitemap.xml\n", robots);
    }
}
