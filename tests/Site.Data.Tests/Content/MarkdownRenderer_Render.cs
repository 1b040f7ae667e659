using Site.Data.Content.Rendering;

namespace Site.Data.Tests.Content;

public class MarkdownRenderer_Render
{
    private static RenderedMarkdown Render(string markdown) =>
        MarkdownRenderer.Render(markdown, "posts/tech/0001-a.md", firstLine: 5, imageSize: _ => null);

    [Fact]
    public void CodeBlocksBecomeFiguresWithLanguageLinesAndAHiddenCopyButton()
    {
        var html = Render("```csharp\nvar x = 1;\nvar y = 2;\n```\n").Html;

        Assert.Contains("<figure class=\"code-block\">", html);
        Assert.Contains("<span class=\"code-lang\">C#</span>", html);
        Assert.Contains("<button type=\"button\" class=\"code-copy\" hidden>Copy</button>", html);
        Assert.Contains("<code class=\"language-csharp\">", html);
        Assert.Equal(2, html.Split("<span class=\"line\">").Length - 1);
        Assert.Contains("<span class=\"tok-kw\">var</span>", html);
    }

    [Fact]
    public void UnknownLanguagesAreEncodedPlainTextUnderTheirOwnName()
    {
        var html = Render("```brainfuck\n<>+-.\n```\n").Html;

        Assert.Contains("<span class=\"code-lang\">brainfuck</span>", html);
        Assert.Contains("&lt;&gt;+-.", html);
        Assert.DoesNotContain("language-", html);
    }

    [Fact]
    public void LinksToPostsCarryTheirTextContextAndFileLine()
    {
        var rendered = Render("Intro line.\n\nThe queue post explains [why a table works](/b/tech/postgres-as-a-queue/) better than a broker.\n");

        var link = Assert.Single(rendered.PostLinks);
        Assert.Equal("why a table works", link.Text);
        Assert.Equal(7, link.Line);
        Assert.Contains("explains why a table works better", link.Context);
        Assert.InRange(link.Context.Length, 20, 100);
    }

    [Fact]
    public void PlainTextHasNoMarkup()
    {
        var text = Render("# Title\n\nSome **bold** and [a link](https://example.org).\n").PlainText;

        Assert.Equal("Title Some bold and a link.", text);
    }
}
