using Site.Domain.Blog;

namespace Site.Domain.Tests.Blog;

public class PostMetadataRules_Check
{
    private static readonly string[] Categories = ["personal", "projects", "reviews", "tech", "hobbies"];

    private static ContentField Scalar(string key, string value, int line) => new(key, line, value, null);

    [Fact]
    public void ReadsCompleteFrontMatter()
    {
        var (metadata, problems) = PostMetadataRules.Check(
        [
            Scalar("title", "  Developing film at home  ", 2),
            Scalar("date", "2024-03-09", 3),
            Scalar("category", "hobbies", 4),
            Scalar("description", "Chemistry in the kitchen.", 5),
            new("tags", 6, null, ["Film", "Home Lab", "film"]),
            Scalar("image", "/images/darkroom.svg", 7),
            Scalar("draft", "true", 8),
        ], "hobbies", Categories);

        Assert.Empty(problems);
        Assert.NotNull(metadata);
        Assert.Equal("Developing film at home", metadata.Title);
        Assert.Equal(new DateOnly(2024, 3, 9), metadata.Date);
        Assert.Equal(["film", "home-lab"], metadata.Tags);
        Assert.Equal("/images/darkroom.svg", metadata.Image);
        Assert.True(metadata.IsDraft);
    }

    [Fact]
    public void NamesTheFrontMatterLineWhenTitleAndDateAreMissing()
    {
        var (metadata, problems) = PostMetadataRules.Check([Scalar("description", "x", 2)], "tech", Categories, frontMatterLine: 1);

        Assert.Null(metadata);
        Assert.Contains(problems, p => p.Line == 1 && p.Message.Contains("no title"));
        Assert.Contains(problems, p => p.Line == 1 && p.Message.Contains("no date"));
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("09/03/2024")]
    [InlineData("2024-3-9")]
    [InlineData("yesterday")]
    public void RefusesDatesThatAreNotRealIsoDates(string date)
    {
        var (_, problems) = PostMetadataRules.Check([Scalar("title", "T", 2), Scalar("date", date, 3)], "tech", Categories);

        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains($"date '{date}' is not a real date", problem.Message);
    }

    [Fact]
    public void RefusesAFolderThatIsNotACategoryAndACategoryThatContradictsTheFolder()
    {
        var (_, unknown) = PostMetadataRules.Check([Scalar("title", "T", 2), Scalar("date", "2024-01-01", 3)], "recipes", Categories);
        Assert.Contains(unknown, p => p.Message.Contains("'recipes' is not a category"));

        var (_, mismatch) = PostMetadataRules.Check(
            [Scalar("title", "T", 2), Scalar("date", "2024-01-01", 3), Scalar("category", "tech", 4)], "hobbies", Categories);
        Assert.Contains(mismatch, p => p.Line == 4 && p.Message.Contains("does not match the folder 'hobbies'"));
    }

    [Fact]
    public void RefusesUnknownAndRepeatedKeysAndBadValues()
    {
        var (_, problems) = PostMetadataRules.Check(
        [
            Scalar("tittle", "T", 2),
            Scalar("title", "T", 3),
            Scalar("title", "U", 4),
            Scalar("date", "2024-01-01", 5),
            Scalar("draft", "maybe", 6),
            new("tags", 7, null, ["!!!"]),
            Scalar("description", new string('d', 301), 8),
        ], "tech", Categories);

        Assert.Contains(problems, p => p.Line == 2 && p.Message.Contains("'tittle' is not a front matter key"));
        Assert.Contains(problems, p => p.Line == 4 && p.Message.Contains("written twice"));
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("draft must be true or false"));
        Assert.Contains(problems, p => p.Line == 7 && p.Message.Contains("no letters or digits"));
        Assert.Contains(problems, p => p.Line == 8 && p.Message.Contains("at most 300"));
    }

    [Fact]
    public void RefusesAListWhereTextBelongsAndAnOverlongTitle()
    {
        var (_, problems) = PostMetadataRules.Check(
            [new("title", 2, null, ["a", "b"]), Scalar("date", "2024-01-01", 3)], "tech", Categories);
        Assert.Contains(problems, p => p.Line == 2 && p.Message.Contains("must be plain text"));

        var (_, tooLong) = PostMetadataRules.Check(
            [Scalar("title", new string('t', 201), 2), Scalar("date", "2024-01-01", 3)], "tech", Categories);
        Assert.Contains(tooLong, p => p.Line == 2 && p.Message.Contains("at most 200"));
    }
}
