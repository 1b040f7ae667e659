using System.Net;
using System.Text.RegularExpressions;

namespace Site.Blazor.Tests.Blog;

/// <summary>The public blog pages over the shipped demo content (functional: the real host, a real database).</summary>
public partial class BlogPages_Rendering(BlogSiteFixture site) : IClassFixture<BlogSiteFixture>
{
    private const string QueuePost = "/b/tech/postgres-as-a-queue/";

    private static async Task<string> Html(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task PostPage_ShowsTitleDateReadingTimeTimesReadTagsHistoryAndBody()
    {
        using var client = site.Anonymous();
        var html = await Html(await client.GetAsync(QueuePost));

        Assert.Contains("<h1>PostgreSQL is a fine job queue</h1>", html);
        Assert.Contains("<time datetime=\"2023-02-12\">12 February 2023</time>", html);
        Assert.Matches("<span class=\"reading-time\">\\d+ min read</span>", html);
        Assert.Matches("<span class=\"times-read\">(Not read yet|Read once|Read \\d+ times)</span>", html);
        Assert.Contains("href=\"/tags/postgresql/\"", html);
        Assert.Contains("href=\"https://git.example.org/me/site/commits/main/content/posts/tech/0003-postgres-as-a-queue.md\"", html);
        Assert.Contains("<figure class=\"code-block\">", html);
        Assert.Contains("href=\"/b/tech/advisory-locks/\"", html);
        Assert.Contains("rel=\"next\"", html);
        Assert.Contains("rel=\"prev\"", html);
    }

    [Fact]
    public async Task PostPage_HasItsOwnSocialMetaAndCanonicalAddress()
    {
        using var client = site.Anonymous();
        var html = await Html(await client.GetAsync(QueuePost));

        Assert.Contains("<title>PostgreSQL is a fine job queue &#xB7; Test Blog</title>", html);
        Assert.Contains("<link rel=\"canonical\" href=\"https://blog.example.org/b/tech/postgres-as-a-queue/\" />", html);
        Assert.Contains("<meta property=\"og:title\" content=\"PostgreSQL is a fine job queue\" />", html);
        Assert.Contains("<meta property=\"og:type\" content=\"article\" />", html);
        Assert.Contains("<meta property=\"og:image\" content=\"https://blog.example.org/images/social-code.png\" />", html);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\" />", html);
        Assert.Contains("<meta name=\"description\" content=\"Before adding a message broker", html);
        Assert.Contains("<meta property=\"article:published_time\" content=\"2023-02-12\" />", html);
    }

    [Fact]
    public async Task ReaderPages_LoadOnlyTheirOwnStylesAndTheCopyScript_AndAnnounceTheFeeds()
    {
        using var client = site.Anonymous();
        var html = await Html(await client.GetAsync(QueuePost));

        Assert.DoesNotContain("MudBlazor", html);
        Assert.DoesNotContain("blazor.web", html);
        Assert.Matches("<link rel=\"stylesheet\" href=\"reader\\.[a-z0-9]+\\.css\" />", html);
        Assert.Matches("<script type=\"module\" src=\"js/code-copy\\.[a-z0-9]+\\.js\"></script>", html);
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss&#x2B;xml\" title=\"Test Blog (RSS)\" href=\"/feed.xml\" />", html);
        Assert.Contains("href=\"/atom.xml\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain(" onclick=", html);
    }

    [Fact]
    public async Task PostWithoutAnImage_FallsBackToTheSiteDefaults()
    {
        using var client = site.Anonymous();
        var html = await Html(await client.GetAsync("/b/projects/the-site-itself/"));

        Assert.Contains("<meta name=\"twitter:card\" content=\"summary\" />", html);
        Assert.DoesNotContain("og:image", html);
    }

    [Theory]
    [InlineData("/b/tech/no-such-post/")]
    [InlineData("/b/nowhere/postgres-as-a-queue/")]
    [InlineData("/b/nowhere/")]
    [InlineData("/tags/no-such-tag/")]
    public async Task UnknownPostsCategoriesAndTags_AreNotFound(string path)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AddressesAreMatchedWithoutCase_AndTheCanonicalOneIsLowerCase()
    {
        using var client = site.Anonymous();
        var html = await Html(await client.GetAsync("/b/Tech/Postgres-As-A-Queue/"));

        Assert.Contains("<link rel=\"canonical\" href=\"https://blog.example.org/b/tech/postgres-as-a-queue/\" />", html);
    }

    [Fact]
    public async Task Drafts_AreNotFoundForReaders_AndVisibleToTheAdmin()
    {
        using var reader = site.Anonymous();
        using var admin = site.Admin();

        using var hidden = await reader.GetAsync("/b/tech/search-notes/");
        var shown = await Html(await admin.GetAsync("/b/tech/search-notes/"));
        var readerHome = await Html(await reader.GetAsync("/"));
        var adminHome = await Html(await admin.GetAsync("/"));

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Contains("Notes on search for a small site", shown);
        Assert.Contains("Draft: only you can see this", shown);
        Assert.DoesNotContain("Notes on search", readerHome);
        Assert.Contains("Notes on search", adminHome);
    }

    [Fact]
    public async Task Home_ShowsAboutPostsNewestFirstWithCategoriesProjectsAndBooks()
    {
        using var client = site.Anonymous();
        var html = await Html(await client.GetAsync("/"));

        Assert.Contains("Hello. I write software for a living", html);
        var titles = PostTitles().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(29, titles.Count);
        Assert.Equal("Moving house with a darkroom in boxes", titles[0]);
        Assert.Equal("Starting over with a blog I own", titles[^1]);
        Assert.Contains("class=\"category-label category-personal\" href=\"/b/personal/\">Personal</a>", html);
        Assert.Contains("Garden sensors", html);
        Assert.Contains("Designing Data-Intensive Applications", html);
        Assert.Contains("src=\"/images/books/deep-work.svg\"", html);
        Assert.Contains("<title>Test Blog</title>", html);
        Assert.Contains("<meta property=\"og:type\" content=\"website\" />", html);
    }

    [Fact]
    public async Task CategoryPage_ListsOnlyThatCategory()
    {
        using var client = site.Anonymous();
        var html = await Html(await client.GetAsync("/b/hobbies/"));

        Assert.Contains("<h1>Hobbies</h1>", html);
        Assert.Equal(6, PostTitles().Matches(html).Count);
        Assert.Contains("Developing black-and-white film in the kitchen", html);
        Assert.DoesNotContain("PostgreSQL is a fine job queue", html);
    }

    [Fact]
    public async Task TagPage_ListsThePostsWithTheTag()
    {
        using var client = site.Anonymous();
        var html = await Html(await client.GetAsync("/tags/film/"));

        Assert.Contains("#film", html);
        Assert.Contains("My first roll of film in fifteen years", html);
        Assert.Contains("A darkroom timer that talks", html);
        Assert.DoesNotContain("PostgreSQL is a fine job queue", html);
    }

    [Fact]
    public async Task ContentImagesAreServed()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/images/night-sky.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReaderPagesAreCachedForReaders_NeverSetCookies_AndAreFreshForTheAdmin()
    {
        using var reader = site.Anonymous();
        using var admin = site.Admin();

        using var first = await reader.GetAsync("/b/reviews/");
        using var second = await reader.GetAsync("/b/reviews/");
        using var forAdmin = await admin.GetAsync("/b/reviews/");

        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.True(second.Headers.Age is not null, "the second request should come from the output cache");
        Assert.Null(forAdmin.Headers.Age);
    }

    [GeneratedRegex("class=\"post-list-title\" href=\"[^\"]+\">([^<]+)</a>")]
    private static partial Regex PostTitles();
}
