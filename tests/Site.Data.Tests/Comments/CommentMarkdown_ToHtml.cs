using AngleSharp.Html.Parser;
using Site.Data.Comments;

namespace Site.Data.Tests.Comments;

/// <summary>Comments are written by strangers: whatever they send, what comes out must not be able to run.</summary>
public class CommentMarkdown_ToHtml
{
    public static TheoryData<string> Hostile => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><script>alert(2)</script></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
        "[click]( javascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](x \"onerror=alert(1)\")",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<<script>script>alert(1)<</script>/script>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "`<script>alert(1)</script>`",
        "```\n<script>alert(1)</script>\n```",
        "<details open ontoggle=alert(1)>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "https://ok.example/\"onmouseover=\"alert(1)",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileInputComesOutInert(string markdown)
    {
        var html = CommentMarkdown.ToHtml(markdown);
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");

        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, new[] { "script", "iframe", "svg", "math", "style", "object", "embed", "form", "img", "meta", "base", "details", "button", "input" });
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} survived in {html}");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("src", attribute.Name);
                if (attribute.Name == "href")
                {
                    var href = attribute.Value.Trim();
                    Assert.True(
                        href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                        || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || !href.Contains(':'),
                        $"unsafe link {href} survived in {html}");
                }
            }
        }
    }

    [Fact]
    public void MarkdownIsRendered()
    {
        var html = CommentMarkdown.ToHtml("Some *emphasis*, **strong**, `code` and\n\n- a\n- list");

        Assert.Contains("<em>emphasis</em>", html);
        Assert.Contains("<strong>strong</strong>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<li>a</li>", html);
    }

    [Fact]
    public void RawHtmlIsShownAsText()
    {
        var html = CommentMarkdown.ToHtml("I love <b>bold</b> tags");

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Theory]
    [InlineData("[site](https://example.org/page)", "https://example.org/page")]
    [InlineData("see https://example.org/auto", "https://example.org/auto")]
    [InlineData("[mail](mailto:me@example.org)", "mailto:me@example.org")]
    public void LinksKeepTheirAddress_AndAreMarkedAsUserContent(string markdown, string href)
    {
        var document = new HtmlParser().ParseDocument("<body>" + CommentMarkdown.ToHtml(markdown) + "</body>");
        var link = Assert.Single(document.Body!.QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", link.GetAttribute("rel"));
    }
}
