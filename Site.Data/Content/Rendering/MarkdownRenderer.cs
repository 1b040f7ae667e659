using System.Net;
using System.Text;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Site.Domain.Blog;
using Site.Domain.Blog.Highlighting;

namespace Site.Data.Content.Rendering;

/// <summary>A link from the rendered text to another post.</summary>
public sealed record FoundPostLink(PostAddress Target, string Text, string Context, int Line);

/// <summary>A file of the content folder that the text links to or shows, to be checked for existence.</summary>
public sealed record FoundFileReference(string ContentPath, int Line);

/// <summary>Markdown turned into what the site stores: HTML, plain text, the links it makes, and what is wrong with it.</summary>
public sealed record RenderedMarkdown(
    string Html,
    string PlainText,
    IReadOnlyList<FoundPostLink> PostLinks,
    IReadOnlyList<FoundFileReference> Files,
    IReadOnlyList<ContentProblem> Problems);

/// <summary>
/// Renders content Markdown once, at sync time. Raw HTML in Markdown is not passed through: it is shown as text, so a
/// pasted &lt;script&gt; or <c>onerror=</c> can never reach a reader (posts are the owner's, but they are content,
/// not code, and the page's CSP would refuse inline script anyway). Links follow <see cref="ContentLinks"/>: links to
/// posts and images are rewritten to site URLs and collected for checking; refused links keep their text and lose
/// their address. Code blocks are highlighted here, with a line per element for line numbers and a copy button that
/// the page's script module reveals.
/// </summary>
public static class MarkdownRenderer
{
    private const int ContextLength = 100;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <param name="markdown">The Markdown text, without front matter.</param>
    /// <param name="sourcePath">The file's path inside the content folder, which relative links start from.</param>
    /// <param name="firstLine">The file line of the Markdown's first line, so problems name lines of the file.</param>
    /// <param name="imageSize">The pixel size of an image of the content folder, when it exists and is known.</param>
    /// <param name="ownHosts">This site's host names: absolute links to its posts count as links to posts.</param>
    public static RenderedMarkdown Render(string markdown, string sourcePath, int firstLine, Func<string, (int Width, int Height)?> imageSize, IReadOnlyCollection<string>? ownHosts = null)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var problems = new List<ContentProblem>();
        var postLinks = new List<FoundPostLink>();
        var files = new List<FoundFileReference>();

        foreach (var link in document.Descendants<LinkInline>())
        {
            var line = firstLine + link.Line;
            var resolved = ContentLinks.Resolve(sourcePath, link.Url, ownHosts);
            switch (resolved.Target)
            {
                case LinkTarget.Refused:
                    problems.Add(new(line, resolved.Problem!));
                    link.Url = link.IsImage ? "" : "#";
                    break;
                case LinkTarget.Post:
                    link.Url = resolved.Href;
                    var (text, context) = TextAndContext(link);
                    postLinks.Add(new(resolved.Post!.Value, text, context, line));
                    break;
                case LinkTarget.ContentFile:
                    link.Url = resolved.Href;
                    files.Add(new(resolved.ContentPath!, line));
                    break;
            }

            if (link.IsImage)
            {
                var attributes = link.GetAttributes();
                if (resolved.Target == LinkTarget.ContentFile && imageSize(resolved.ContentPath!) is { } size)
                {
                    // Width and height let the browser reserve the space before the image arrives: no layout shift.
                    attributes.AddPropertyIfNotExist("width", size.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    attributes.AddPropertyIfNotExist("height", size.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                attributes.AddPropertyIfNotExist("loading", "lazy");
                attributes.AddPropertyIfNotExist("decoding", "async");
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            var resolved = ContentLinks.Resolve(sourcePath, autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, ownHosts);
            if (resolved.Target == LinkTarget.Refused)
            {
                problems.Add(new(firstLine + autolink.Line, resolved.Problem!));
                autolink.Url = "#";
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new HighlightedCodeBlockRenderer());
        renderer.Render(document);
        writer.Flush();

        var plainText = CollapseWhitespace(Markdown.ToPlainText(markdown, Pipeline));
        return new(writer.ToString(), plainText, postLinks, files, problems);
    }

    /// <summary>The link's own text, and about <see cref="ContextLength"/> characters of its paragraph around it.</summary>
    private static (string Text, string Context) TextAndContext(LinkInline link)
    {
        var linkText = new StringBuilder();
        AppendText(link, linkText);
        var text = CollapseWhitespace(linkText.ToString());

        Inline root = link;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        if (root is not ContainerInline container)
        {
            return (text, text);
        }

        var before = new StringBuilder();
        var blockText = new StringBuilder();
        foreach (var inline in container)
        {
            AppendUntil(inline, link, blockText, before);
        }

        // A window of ContextLength characters centred on the link, shifted inwards at the paragraph's ends.
        var full = CollapseWhitespace(blockText.ToString());
        var start = CollapseWhitespace(before.ToString()).Length;
        var length = Math.Min(full.Length, Math.Max(ContextLength, text.Length));
        var from = Math.Clamp(start - (length - text.Length) / 2, 0, full.Length - length);
        return (Trim(text, 300), Trim(full.Substring(from, length).Trim(), 300));
    }

    private static void AppendUntil(Inline inline, Inline target, StringBuilder all, StringBuilder before)
    {
        if (ReferenceEquals(inline, target))
        {
            before.Append(all);
        }

        if (inline is ContainerInline container && inline is not LinkInline { IsImage: true })
        {
            foreach (var child in container)
            {
                AppendUntil(child, target, all, before);
            }

            return;
        }

        AppendLeaf(inline, all);
    }

    private static void AppendText(Inline inline, StringBuilder text)
    {
        if (inline is ContainerInline container)
        {
            foreach (var child in container)
            {
                AppendText(child, text);
            }

            return;
        }

        AppendLeaf(inline, text);
    }

    private static void AppendLeaf(Inline inline, StringBuilder text)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
        }
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Writes code blocks as a figure: the language, a copy button (hidden until script shows it) and one element per line.</summary>
    private sealed class HighlightedCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock block)
        {
            var info = (block as FencedCodeBlock)?.Info?.Trim();
            var language = CodeLanguages.Find(info);
            var label = language?.DisplayName ?? (string.IsNullOrEmpty(info) ? "Text" : info);
            var lines = CodeHighlighter.Tokenize(block.Lines.ToString(), language);

            renderer.EnsureLine();
            renderer.Write("<figure class=\"code-block\"><figcaption><span class=\"code-lang\">")
                .Write(WebUtility.HtmlEncode(label))
                .Write("</span><button type=\"button\" class=\"code-copy\" hidden>Copy</button></figcaption>")
                .Write("<pre tabindex=\"0\"><code")
                .Write(language is null ? "" : " class=\"language-" + WebUtility.HtmlEncode(Slugs.From(info!)) + "\"")
                .Write(">")
                .Write(CodeHighlighter.ToHtml(lines))
                .Write("</code></pre></figure>");
            renderer.WriteLine();
        }
    }
}
