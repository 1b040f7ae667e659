using Site.Domain.Blog;

namespace Site.Domain.Tests.Blog;

public class ContentLinks_Resolve
{
    private const string Source = "posts/tech/0003-first-post.md";

    [Theory]
    [InlineData("/b/tech/some-slug/", "tech", "some-slug", "/b/tech/some-slug/")]
    [InlineData("/b/tech/some-slug", "tech", "some-slug", "/b/tech/some-slug/")]
    [InlineData("/b/hobbies/film-scanning/#the-scanner", "hobbies", "film-scanning", "/b/hobbies/film-scanning/#the-scanner")]
    [InlineData("../hobbies/0012-film-scanning.md", "hobbies", "film-scanning", "/b/hobbies/film-scanning/")]
    [InlineData("0004-second-post.md", "tech", "second-post", "/b/tech/second-post/")]
    [InlineData("./0004-second-post.md#part-two", "tech", "second-post", "/b/tech/second-post/#part-two")]
    public void ResolvesAbsoluteAndRelativePostLinksToTheCanonicalUrl(string href, string category, string slug, string expectedHref)
    {
        var link = ContentLinks.Resolve(Source, href);

        Assert.Equal(LinkTarget.Post, link.Target);
        Assert.Equal(new PostAddress(category, slug), link.Post);
        Assert.Equal(expectedHref, link.Href);
    }

    [Theory]
    [InlineData("../../images/darkroom.svg", "images/darkroom.svg", "/images/darkroom.svg")]
    [InlineData("/images/books/cover.svg", "images/books/cover.svg", "/images/books/cover.svg")]
    public void ResolvesImagesInsideTheContentFolder(string href, string contentPath, string expectedHref)
    {
        var link = ContentLinks.Resolve(Source, href);

        Assert.Equal(LinkTarget.ContentFile, link.Target);
        Assert.Equal(contentPath, link.ContentPath);
        Assert.Equal(expectedHref, link.Href);
    }

    [Theory]
    [InlineData("https://example.org/x", LinkTarget.External)]
    [InlineData("HTTP://example.org", LinkTarget.External)]
    [InlineData("mailto:me@example.org", LinkTarget.External)]
    [InlineData("//cdn.example.org/a.png", LinkTarget.External)]
    [InlineData("#heading", LinkTarget.Fragment)]
    [InlineData("/tags/dotnet/", LinkTarget.SitePath)]
    [InlineData("/b/tech/", LinkTarget.SitePath)]
    [InlineData("/feed.xml", LinkTarget.SitePath)]
    public void ClassifiesOtherLinks(string href, LinkTarget expected) =>
        Assert.Equal(expected, ContentLinks.Resolve(Source, href).Target);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox")]
    [InlineData("file:///etc/passwd")]
    public void RefusesSchemesThatAreNotWebOrMail(string href)
    {
        var link = ContentLinks.Resolve(Source, href);

        Assert.Equal(LinkTarget.Refused, link.Target);
        Assert.Contains("may only use http, https or mailto", link.Problem);
    }

    [Theory]
    [InlineData("/b/Tech/Some-Slug/", "not a post address")]
    [InlineData("/b/tech/a/b/", "not a post address")]
    [InlineData("../../../outside.md", "outside the content folder")]
    [InlineData("../../about.md", "outside content/posts")]
    [InlineData("../tech/notes.md", "does not name a post file")]
    [InlineData("../some-slug/", "neither a post file nor an image")]
    [InlineData("", "no address")]
    public void RefusesLinksThatCannotBeResolvedAndSaysWhy(string href, string reason)
    {
        var link = ContentLinks.Resolve(Source, href);

        Assert.Equal(LinkTarget.Refused, link.Target);
        Assert.Contains(reason, link.Problem);
    }
}

public class ContentLinks_ResolveOwnAbsolute
{
    private static readonly string[] Own = ["example.org"];

    [Theory]
    [InlineData("https://example.org/b/tech/some-post/", "/b/tech/some-post/")]
    [InlineData("http://EXAMPLE.org/b/Tech/Some-Post", "/b/tech/some-post/")]
    [InlineData("https://example.org/b/tech/some-post/#part", "/b/tech/some-post/#part")]
    public void AbsoluteLinkToOwnPostIsAPostLink(string href, string expected)
    {
        var link = ContentLinks.Resolve("posts/tech/0001-a.md", href, Own);

        Assert.Equal(LinkTarget.Post, link.Target);
        Assert.Equal(expected, link.Href);
        Assert.Equal(new PostAddress("tech", "some-post"), link.Post);
    }

    [Theory]
    [InlineData("https://other.example/b/tech/some-post/")]
    [InlineData("https://example.org/about/")]
    [InlineData("https://example.org.evil.test/b/tech/some-post/")]
    public void OtherSitesAndOtherPagesStayExternal(string href)
    {
        Assert.Equal(LinkTarget.External, ContentLinks.Resolve("posts/tech/0001-a.md", href, Own).Target);
    }

    [Fact]
    public void WithoutOwnHostsAbsoluteLinksStayExternal()
    {
        Assert.Equal(LinkTarget.External, ContentLinks.Resolve("posts/tech/0001-a.md", "https://example.org/b/tech/some-post/").Target);
    }
}
