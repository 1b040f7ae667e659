using System.Text;
using Site.Data.Content;
using Site.TestSupport;

namespace Site.Data.Tests.Content;

/// <summary>
/// Content is the owner's, but a pasted snippet or a corrupt file must still come out harmless: raw HTML in Markdown
/// is shown as text (a documented choice), script links are refused, and oversized, binary or malicious YAML files are
/// reported rather than crashing the sync.
/// </summary>
public sealed class ContentLoader_HostileInput : IDisposable
{
    private readonly TestContentFolder _content = new();

    public void Dispose() => _content.Dispose();

    [Fact]
    public void RawHtmlInTheBody_IsShownAsTextNeverAsMarkup()
    {
        _content.Post("tech", "0001-html.md", "Html", "2024-01-01",
            "<script>alert('x')</script>\n\nInline <img src=x onerror=alert(1)> and <a href=\"javascript:alert(2)\">link</a>.\n\n<iframe src=\"https://evil.example\"></iframe>\n");

        var post = Assert.Single(ContentLoader.Load(_content.Path).Posts);
        var html = post.Rendered.Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void ScriptLinksInMarkdown_AreRefusedAndDefused()
    {
        var file = _content.Post("tech", "0001-links.md", "Links", "2024-01-01",
            "[click](javascript:alert(1)) and ![pic](data:image/svg+xml;base64,PHN2Zz4=) and <javascript:alert(3)>\n\n[ref][bad]\n\n[bad]: vbscript:msgbox\n");

        var content = ContentLoader.Load(_content.Path);
        var html = content.Posts.Single().Rendered.Html;

        Assert.True(content.Errors.Count(e => e.SourcePath == file && e.Message.Contains("may only use http, https or mailto")) >= 3,
            string.Join("\n", content.Errors));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void HtmlInFrontMatter_IsKeptAsTextForThePageToEncode()
    {
        _content.Post("tech", "0001-title.md", "\"<script>alert('t')</script> Title\"", "2024-01-01", "Body.\n",
            "description: <img src=x onerror=alert(1)>");

        var post = Assert.Single(ContentLoader.Load(_content.Path).Posts);

        Assert.Equal("<script>alert('t')</script> Title", post.Metadata.Title);
        Assert.Equal("<img src=x onerror=alert(1)>", post.Metadata.Description);
    }

    [Fact]
    public void AHugeFile_IsRefusedBySize()
    {
        var file = _content.Post("tech", "0001-huge.md", "Huge", "2024-01-01", new string('a', ContentFiles.MaxTextBytes + 10));

        var error = Assert.Single(ContentLoader.Load(_content.Path).Errors, e => e.SourcePath == file);
        Assert.Contains("at most 1024 KiB", error.Message);
    }

    [Fact]
    public void BinaryGarbage_IsRefusedAsNotText()
    {
        var random = new Random(42);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        var garbage = _content.WriteBytes("posts/tech/0001-garbage.md", bytes);
        var nul = _content.WriteBytes("posts/tech/0002-nul.md", Encoding.UTF8.GetBytes("---\ntitle: A\0B\ndate: 2024-01-01\n---\n"));

        var errors = ContentLoader.Load(_content.Path).Errors;

        Assert.Contains(errors, e => e.SourcePath == garbage && e.Message.Contains("not UTF-8"));
        Assert.Contains(errors, e => e.SourcePath == nul && e.Message.Contains("NUL"));
    }

    [Fact]
    public void DeeplyNestedAndAliasedYaml_IsReportedNotExpanded()
    {
        var nested = _content.Write("posts/tech/0001-nested.md",
            "---\ntitle: Nested\ndate: 2024-01-01\ntags: " + new string('[', 20_000) + new string(']', 20_000) + "\n---\nBody.\n");
        var aliases = _content.Write("posts/tech/0002-aliases.md",
            "---\ntitle: &a Aliased\ndate: 2024-01-01\ndescription: *a\ntags: [*a, *a]\n---\nBody.\n");
        var unclosed = _content.Write("posts/tech/0003-unclosed.md", "---\ntitle: \"never closed\ndate: 2024-01-01\n---\nBody.\n");

        var errors = ContentLoader.Load(_content.Path).Errors;

        Assert.Contains(errors, e => e.SourcePath == nested);
        Assert.Contains(errors, e => e.SourcePath == aliases && e.Line == 4);
        Assert.Contains(errors, e => e.SourcePath == unclosed && e.Message.Contains("cannot be read"));
    }
}
