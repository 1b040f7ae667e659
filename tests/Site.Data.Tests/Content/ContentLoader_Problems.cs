using Site.Data.Content;
using Site.Domain.Blog;
using Site.TestSupport;

namespace Site.Data.Tests.Content;

/// <summary>Broken content is reported with its file and line, and never stops the rest from loading.</summary>
public sealed class ContentLoader_Problems : IDisposable
{
    private readonly TestContentFolder _content = new();

    public void Dispose() => _content.Dispose();

    private LoadedContent Load() => ContentLoader.Load(_content.Path);

    private static ContentErrorReport Single(LoadedContent content, string file) =>
        Assert.Single(content.Errors, e => e.SourcePath == file);

    [Fact]
    public void MissingTitle_NamesTheFileAndTheFrontMatterLine()
    {
        var file = _content.Write("posts/tech/0001-untitled.md", "---\ndate: 2024-01-01\n---\nBody.\n");

        var error = Single(Load(), file);

        Assert.Equal(1, error.Line);
        Assert.Contains("no title", error.Message);
        Assert.Equal($"{file}:1: {error.Message}", error.ToString());
    }

    [Fact]
    public void BadDate_NamesTheLineOfTheDate()
    {
        var file = _content.Post("tech", "0001-dated.md", "Dated", "2024-02-30", "Body.\n");

        var error = Single(Load(), file);

        Assert.Equal(3, error.Line);
        Assert.Contains("date '2024-02-30' is not a real date", error.Message);
    }

    [Fact]
    public void UnknownCategory_IsRefusedWithTheKnownOnes()
    {
        var file = _content.Post("recipes", "0001-bread.md", "Bread", "2024-01-01", "Body.\n");

        var content = Load();

        Assert.Contains("'recipes' is not a category", Single(content, file).Message);
        Assert.Empty(content.Posts);
    }

    [Fact]
    public void LinkToAPostThatDoesNotExist_NamesTheFileTheLineAndTheTarget()
    {
        var file = _content.Post("tech", "0001-linker.md", "Linker", "2024-01-01",
            "First paragraph.\n\nSecond paragraph with [a broken link](/b/tech/never-written/) in it.\n");

        var content = Load();
        var error = Single(content, file);

        Assert.Equal(7, error.Line);
        Assert.Contains("/b/tech/never-written/ points at a post that does not exist", error.Message);
        Assert.Single(content.Posts);
    }

    [Fact]
    public void AbsoluteAndRelativeLinksToPosts_BothResolve()
    {
        _content.Post("hobbies", "0002-target.md", "Target", "2024-01-02", "Body.\n");
        _content.Post("tech", "0003-other.md", "Other", "2024-01-03", "Body.\n");
        _content.Post("tech", "0001-source.md", "Source", "2024-01-01",
            "See [the target](../hobbies/0002-target.md) and [the other](/b/tech/other/) and [again](0003-other.md#top).\n");

        var content = Load();
        var source = content.Posts.Single(p => p.Address.Slug == "source");

        Assert.Empty(content.Errors);
        Assert.Equal([new PostAddress("hobbies", "target"), new PostAddress("tech", "other"), new PostAddress("tech", "other")],
            source.Rendered.PostLinks.Select(l => l.Target));
        Assert.Contains("href=\"/b/hobbies/target/\"", source.Rendered.Html);
        Assert.Contains("href=\"/b/tech/other/#top\"", source.Rendered.Html);
        Assert.DoesNotContain(".md", source.Rendered.Html);
    }

    [Fact]
    public void ABrokenFile_DoesNotStopTheOthers()
    {
        _content.Write("posts/tech/0001-broken.md", "no front matter at all");
        _content.Post("tech", "0002-fine.md", "Fine", "2024-01-01", "Body.\n");

        var content = Load();

        Assert.Contains(content.Errors, e => e.SourcePath == "posts/tech/0001-broken.md" && e.Line == 1 && e.Message.Contains("must start with front matter"));
        Assert.Equal("fine", Assert.Single(content.Posts).Address.Slug);
        Assert.Contains(new PostAddress("tech", "broken"), content.AddressesWithFiles);
    }

    [Fact]
    public void DuplicateNumbersAndAddresses_AreRefused()
    {
        _content.Post("tech", "0001-first.md", "First", "2024-01-01", "Body.\n");
        _content.Post("hobbies", "0001-clash.md", "Clash", "2024-01-01", "Body.\n");
        _content.Post("tech", "0002-first.md", "Same slug", "2024-01-01", "Body.\n");

        var content = Load();

        Assert.Contains(content.Errors, e => e.SourcePath == "posts/tech/0001-first.md" && e.Message.Contains("number 1 is already used by posts/hobbies/0001-clash.md"));
        Assert.Contains(content.Errors, e => e.SourcePath == "posts/tech/0002-first.md" && e.Message.Contains("already has the address /b/tech/first/"));
    }

    [Fact]
    public void PublishedPostLinkingADraft_IsReported()
    {
        _content.Post("tech", "0001-draft.md", "Draft", "2024-01-01", "Body.\n", "draft: true");
        var file = _content.Post("tech", "0002-public.md", "Public", "2024-01-02", "See [the draft](/b/tech/draft/).\n");

        Assert.Contains("points at a draft", Single(Load(), file).Message);
    }

    [Fact]
    public void MissingImagesAreReported_AndImagesGetTheirSize()
    {
        _content.Write("images/wide.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 100\"></svg>");
        var file = _content.Post("tech", "0001-pictures.md", "Pictures", "2024-01-01",
            "![wide](../../images/wide.svg)\n\n![gone](/images/gone.png)\n", "image: /images/missing.png");

        var content = Load();

        Assert.Contains(content.Errors, e => e.SourcePath == file && e.Line == 4 && e.Message.Contains("images/missing.png"));
        var error = Assert.Single(content.Errors, e => e.SourcePath == file && e.Message.Contains("images/gone.png"));
        Assert.Equal(8, error.Line);
        Assert.Contains("width=\"300\" height=\"100\"", content.Posts.Single().Rendered.Html);
    }

    [Fact]
    public void MissingDataFilesAndBadEntries_AreReportedWithLines()
    {
        _content.Delete("projects.yml");
        _content.Write("books.yml", "- slug: ok\n  title: Fine\n  author: Someone\n- slug: Bad Slug\n  title: Broken\n  author: Someone\n  cover: images/none.svg\n");

        var content = Load();

        Assert.Contains(content.Errors, e => e.SourcePath == "projects.yml" && e.Message.Contains("missing"));
        Assert.Contains(content.Errors, e => e.SourcePath == "books.yml" && e.Line == 4 && e.Message.Contains("slug 'Bad Slug'"));
        Assert.Equal("ok", Assert.Single(content.Books).Slug);
    }
}
