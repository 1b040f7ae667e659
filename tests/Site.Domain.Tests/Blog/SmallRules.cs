using Site.Domain.Blog;

namespace Site.Domain.Tests.Blog;

public class PostFileName_Parse
{
    [Theory]
    [InlineData("0001-hello-world.md", 1, "hello-world")]
    [InlineData("0042-a.md", 42, "a")]
    [InlineData("123456-six-digits.md", 123456, "six-digits")]
    public void ReadsNumberAndSlug(string name, int number, string slug)
    {
        var parsed = PostFileName.Parse(name);
        Assert.Null(parsed.Problem);
        Assert.Equal(number, parsed.Number);
        Assert.Equal(slug, parsed.Slug);
    }

    [Theory]
    [InlineData("hello.md", "must be named")]
    [InlineData("01-short-number.md", "must be named")]
    [InlineData("0001-Upper-Case.md", "may only hold")]
    [InlineData("0001-double--hyphen.md", "may only hold")]
    [InlineData("0001-notes.txt", "not a Markdown file")]
    [InlineData("0000-zero.md", "start at 1")]
    public void ExplainsWhatIsWrong(string name, string reason) =>
        Assert.Contains(reason, PostFileName.Parse(name).Problem);
}

public class Slugs_From
{
    [Theory]
    [InlineData("Home Lab", "home-lab")]
    [InlineData("  C#  / .NET ", "c-net")]
    [InlineData("film", "film")]
    [InlineData("---", "")]
    [InlineData("Café", "caf")]
    public void MakesUrlSafeSlugs(string text, string expected) => Assert.Equal(expected, Slugs.From(text));
}

public class PostAddress_TryParsePath
{
    [Theory]
    [InlineData("/b/tech/slug/", true)]
    [InlineData("/b/tech/slug", true)]
    [InlineData("/b/tech/", false)]
    [InlineData("/b/tech/slug/extra/", false)]
    [InlineData("/x/tech/slug/", false)]
    [InlineData("/b/TECH/slug/", false)]
    public void AcceptsOnlyPostUrls(string path, bool expected) => Assert.Equal(expected, PostAddress.TryParsePath(path, out _));

    [Fact]
    public void AddressesFromUrlsAreLowerCase() =>
        Assert.Equal(new PostAddress("tech", "my-post"), PostAddress.FromUrl("Tech", "My-Post"));
}

public class ReadingTime_Minutes
{
    [Fact]
    public void CountsWordsNotPunctuation() =>
        Assert.Equal(6, ReadingTime.CountWords("It's a well-known fact — 42 apples!"));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(1000, 5)]
    public void RoundsUpAndNeverSaysZero(int words, int minutes) => Assert.Equal(minutes, ReadingTime.Minutes(words));
}

public class PostListLimit_Parse
{
    [Theory]
    [InlineData(null, 5)]
    [InlineData("", 5)]
    [InlineData("abc", 5)]
    [InlineData("-3", 5)]
    [InlineData("0", 5)]
    [InlineData("2.5", 5)]
    [InlineData("1", 1)]
    [InlineData("50", 50)]
    [InlineData("51", 50)]
    [InlineData("99999999999999", 5)]
    public void DefaultsToFiveAndCapsAtFifty(string? limit, int expected) => Assert.Equal(expected, PostListLimit.Parse(limit));
}

public class SitemapPriority_ForPost
{
    [Theory]
    [InlineData(30, 30, 0.9)]
    [InlineData(1, 30, 0.5)]
    [InlineData(15, 29, 0.7)]
    [InlineData(1, 1, 0.9)]
    public void NewerPostsRankHigher(int number, int highest, double expected) =>
        Assert.Equal((decimal)expected, SitemapPriority.ForPost(number, highest));
}
