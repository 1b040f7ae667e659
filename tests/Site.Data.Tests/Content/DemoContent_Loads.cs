using Site.Data.Content;
using Site.TestSupport;

namespace Site.Data.Tests.Content;

/// <summary>The demo content that ships with the product: it must load without a single content error.</summary>
public class DemoContent_Loads
{
    private static readonly LoadedContent Content = ContentLoader.Load(Path.Combine(TestServices.RepositoryRoot, "content"));

    [Fact]
    public void HasNoContentErrors() =>
        Assert.True(Content.Errors.Count == 0, "The shipped content has errors:\n" + string.Join("\n", Content.Errors));

    [Fact]
    public void HasAtLeast25PublishedPostsInEveryCategory()
    {
        var published = Content.Posts.Where(p => !p.Metadata.IsDraft).ToList();

        Assert.True(published.Count >= 25, $"only {published.Count} published posts");
        Assert.Equal(
            ["hobbies", "personal", "projects", "reviews", "tech"],
            published.Select(p => p.Address.Category).Distinct().Order());
        Assert.All(published, p => Assert.InRange(p.WordCount, 150, 600));
        Assert.Contains(Content.Posts, p => p.Metadata.IsDraft);
    }

    [Fact]
    public void PostsLinkToEachOtherLikeARealWeb()
    {
        var published = Content.Posts.Where(p => !p.Metadata.IsDraft).ToList();
        var outgoing = published.ToDictionary(p => p.Address, p => p.Rendered.PostLinks.Select(l => l.Target).Distinct().Count());
        var incoming = published.SelectMany(p => p.Rendered.PostLinks.Select(l => l.Target)).ToHashSet();

        var linking = outgoing.Values.Count(n => n is >= 2 and <= 5);
        Assert.True(linking * 2 > published.Count, $"only {linking} of {published.Count} posts link to 2–5 others");
        var orphans = published.Where(p => outgoing[p.Address] == 0 && !incoming.Contains(p.Address)).ToList();
        Assert.InRange(orphans.Count, 1, 4);
    }

    [Fact]
    public void HasCodeInSeveralLanguagesAndImages()
    {
        var html = string.Concat(Content.Posts.Select(p => p.Rendered.Html));
        foreach (var language in new[] { "language-csharp", "language-sql", "language-python", "language-bash", "language-go", "language-typescript", "language-yaml", "language-json" })
        {
            Assert.Contains(language, html);
        }

        Assert.True(Content.Posts.Count(p => p.Rendered.Html.Contains("<img", StringComparison.Ordinal)) >= 5);
        Assert.True(Content.Posts.Count(p => p.ImagePath is not null) >= 3);
    }

    [Fact]
    public void HasProjectsBooksCategoriesAndAnAboutPage()
    {
        Assert.InRange(Content.Projects.Count, 4, 6);
        Assert.InRange(Content.Books.Count, 5, 8);
        Assert.All(Content.Books, b => Assert.NotNull(b.Cover));
        Assert.Equal(["tech", "projects", "hobbies", "reviews", "personal"], Content.Categories.Select(c => c.Slug));
        Assert.Contains(Content.Pages, p => p.Slug == "about");
    }
}
