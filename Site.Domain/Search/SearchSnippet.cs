using System.Text;

namespace Site.Domain.Search;

/// <summary>
/// Turns a highlighted excerpt from the database (<c>ts_headline</c>, asked to wrap matches in two private-use
/// characters that the index never contains) into HTML: everything is escaped, and only the markers become
/// <c>&lt;mark&gt;</c> elements, always balanced. The excerpt is content, so nothing in it can become markup.
/// </summary>
public static class SearchSnippet
{
    public const char StartMark = '\uE000';
    public const char EndMark = '\uE001';

    public static string ToHtml(string? headline)
    {
        if (string.IsNullOrEmpty(headline))
        {
            return "";
        }

        var html = new StringBuilder(headline.Length + 32);
        var open = false;
        var text = new StringBuilder();
        foreach (var c in headline)
        {
            if (c is not StartMark and not EndMark)
            {
                text.Append(c);
                continue;
            }

            Encode(html, text);
            text.Clear();
            if (c == StartMark && !open)
            {
                html.Append("<mark>");
                open = true;
            }
            else if (c == EndMark && open)
            {
                html.Append("</mark>");
                open = false;
            }
        }

        Encode(html, text);
        if (open)
        {
            html.Append("</mark>");
        }

        return html.ToString();
    }

    /// <summary>Escapes the five characters that mean something in HTML text and attributes; all else stays as written.</summary>
    private static void Encode(StringBuilder html, StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                _ = c switch
                {
                    '&' => html.Append("&amp;"),
                    '<' => html.Append("&lt;"),
                    '>' => html.Append("&gt;"),
                    '"' => html.Append("&quot;"),
                    '\'' => html.Append("&#39;"),
                    _ => html.Append(c),
                };
            }
        }
    }
}
