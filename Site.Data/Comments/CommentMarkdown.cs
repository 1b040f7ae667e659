using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace Site.Data.Comments;

/// <summary>
/// Turns a comment's Markdown into HTML that is safe to show to every reader. Two layers, because a comment is the
/// one text on the site that strangers write: Markdig renders with raw HTML shown as text, and HtmlSanitizer then
/// keeps only a small allow-list of tags, no attributes but <c>href</c> (http, https, mailto) and a code block's
/// language class, so whatever Markdig lets through (a <c>javascript:</c> link target, an autolink) cannot run.
/// Every link gets <c>rel="nofollow ugc noopener"</c>: readers' links earn no ranking from the site.
/// </summary>
public static class CommentMarkdown
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitizer.Sanitize(html).Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", LinkRel);
            }
        };
        return sanitizer;
    }
}
