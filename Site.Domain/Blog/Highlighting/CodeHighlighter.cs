using System.Net;
using System.Text;

namespace Site.Domain.Blog.Highlighting;

/// <summary>The kinds of token the highlighter colours; each has a CSS class in the reader style sheet.</summary>
public enum TokenKind
{
    Plain,
    Keyword,
    Type,
    Literal,
    String,
    Number,
    Comment,
    Function,
    Key,
    Variable,
    Annotation,
}

/// <summary>A piece of one line of code and its kind.</summary>
public readonly record struct CodeToken(TokenKind Kind, string Text);

/// <summary>
/// Highlights code once, when content is synced, so readers get coloured code with no script: the code is split into
/// lines of tokens (a comment or string spanning lines is cut at each line end, so every line stands alone), and
/// <see cref="ToHtml"/> writes each line as its own element, which is what line numbers hang on.
/// </summary>
public static class CodeHighlighter
{
    /// <summary>The tokens of each line. Unknown languages (<paramref name="language"/> null) come back as plain text.</summary>
    public static IReadOnlyList<IReadOnlyList<CodeToken>> Tokenize(string code, CodeLanguage? language)
    {
        var text = code.Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd('\n');
        var tokens = language is null ? [new CodeToken(TokenKind.Plain, text)] : Scan(text, language);
        return SplitLines(tokens);
    }

    /// <summary>
    /// HTML for a highlighted block: one <c>&lt;span class="line"&gt;</c> per line, tokens as
    /// <c>&lt;span class="tok-…"&gt;</c>; all text HTML-encoded.
    /// </summary>
    public static string ToHtml(IReadOnlyList<IReadOnlyList<CodeToken>> lines)
    {
        var html = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            html.Append("<span class=\"line\">");
            foreach (var token in lines[i])
            {
                var encoded = WebUtility.HtmlEncode(token.Text);
                if (token.Kind == TokenKind.Plain)
                {
                    html.Append(encoded);
                }
                else
                {
                    html.Append("<span class=\"").Append(CssClass(token.Kind)).Append("\">").Append(encoded).Append("</span>");
                }
            }

            html.Append("</span>");
            if (i < lines.Count - 1)
            {
                html.Append('\n');
            }
        }

        return html.ToString();
    }

    public static string CssClass(TokenKind kind) => kind switch
    {
        TokenKind.Keyword => "tok-kw",
        TokenKind.Type => "tok-type",
        TokenKind.Literal => "tok-lit",
        TokenKind.String => "tok-str",
        TokenKind.Number => "tok-num",
        TokenKind.Comment => "tok-com",
        TokenKind.Function => "tok-fn",
        TokenKind.Key => "tok-key",
        TokenKind.Variable => "tok-var",
        TokenKind.Annotation => "tok-meta",
        _ => "",
    };

    private static List<CodeToken> Scan(string text, CodeLanguage language)
    {
        var tokens = new List<CodeToken>();
        var plain = new StringBuilder();
        var i = 0;

        void Emit(TokenKind kind, int length)
        {
            if (kind == TokenKind.Plain)
            {
                // Runs of plain text stay one token, which keeps the HTML small.
                plain.Append(text, i, length);
                i += length;
                return;
            }

            if (plain.Length > 0)
            {
                tokens.Add(new(TokenKind.Plain, plain.ToString()));
                plain.Clear();
            }

            tokens.Add(new(kind, text.Substring(i, length)));
            i += length;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (LineComment(text, i, language) is { } lineComment)
            {
                Emit(TokenKind.Comment, lineComment);
            }
            else if (BlockComment(text, i, language) is { } blockComment)
            {
                Emit(TokenKind.Comment, blockComment);
            }
            else if (StringLiteral(text, i, language) is { } stringLength)
            {
                Emit(IsKey(text, i + stringLength, language) ? TokenKind.Key : TokenKind.String, stringLength);
            }
            else if (char.IsAsciiDigit(c) && (i == 0 || !IsWordChar(text[i - 1], language)))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.') &&
                       !(text[end] == '.' && (end + 1 >= text.Length || !char.IsAsciiDigit(text[end + 1]))))
                {
                    end++;
                }

                Emit(TokenKind.Number, end - i);
            }
            else if (IsWordStart(c))
            {
                var end = i + 1;
                while (end < text.Length && IsWordChar(text[end], language))
                {
                    end++;
                }

                Emit(WordKind(text, i, end, language), end - i);
            }
            else if (language.VariablePrefix == c && i + 1 < text.Length && Variable(text, i) is { } variable)
            {
                Emit(TokenKind.Variable, variable);
            }
            else if (language.AnnotationPrefix == c && i + 1 < text.Length && IsWordStart(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && (IsWordChar(text[end], language) || text[end] == '.'))
                {
                    end++;
                }

                Emit(TokenKind.Annotation, end - i);
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }

        if (plain.Length > 0)
        {
            tokens.Add(new(TokenKind.Plain, plain.ToString()));
        }

        return tokens;
    }

    private static TokenKind WordKind(string text, int start, int end, CodeLanguage language)
    {
        var word = text[start..end];
        if (IsKey(text, end, language))
        {
            return TokenKind.Key;
        }

        if (language.Literals.Contains(word))
        {
            return TokenKind.Literal;
        }

        if (language.Keywords.Contains(word))
        {
            return TokenKind.Keyword;
        }

        if (language.Types.Contains(word) || (language.CapitalizedWordsAreTypes && char.IsUpper(word[0]) && word.Any(char.IsLower)))
        {
            return end < text.Length && text[end] == '(' && !language.CapitalizedWordsAreTypes ? TokenKind.Function : TokenKind.Type;
        }

        return end < text.Length && text[end] == '(' ? TokenKind.Function : TokenKind.Plain;
    }

    private static int? LineComment(string text, int i, CodeLanguage language)
    {
        foreach (var marker in language.LineComments)
        {
            // '#' starts a comment only at a word boundary, so "$#", "a#b" and URLs with fragments stay code.
            if (text.AsSpan(i).StartsWith(marker) && (marker != "#" || i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                var end = text.IndexOf('\n', i);
                return (end < 0 ? text.Length : end) - i;
            }
        }

        return null;
    }

    private static int? BlockComment(string text, int i, CodeLanguage language)
    {
        foreach (var (open, close) in language.BlockComments)
        {
            if (text.AsSpan(i).StartsWith(open))
            {
                var end = text.IndexOf(close, i + open.Length, StringComparison.Ordinal);
                return (end < 0 ? text.Length : end + close.Length) - i;
            }
        }

        return null;
    }

    private static int? StringLiteral(string text, int i, CodeLanguage language)
    {
        foreach (var form in language.Strings)
        {
            if (!text.AsSpan(i).StartsWith(form.Open))
            {
                continue;
            }

            var j = i + form.Open.Length;
            while (j < text.Length)
            {
                if (form.Escape is { } escape && text[j] == escape)
                {
                    j += 2;
                    continue;
                }

                if (text.AsSpan(j).StartsWith(form.Close))
                {
                    return j + form.Close.Length - i;
                }

                if (text[j] == '\n' && !form.Multiline)
                {
                    // An unclosed one-line string ends with its line, so one stray quote cannot colour the rest.
                    return j - i;
                }

                j++;
            }

            return Math.Min(j, text.Length) - i;
        }

        return null;
    }

    private static int? Variable(string text, int i)
    {
        var next = text[i + 1];
        if (next == '{')
        {
            var close = text.IndexOf('}', i + 2);
            var newline = text.IndexOf('\n', i + 2);
            return close > 0 && (newline < 0 || close < newline) ? close + 1 - i : null;
        }

        if (next is '@' or '#' or '?' or '$' or '!' or '*' || char.IsAsciiDigit(next))
        {
            return 2;
        }

        if (!IsWordStart(next))
        {
            return null;
        }

        var end = i + 2;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end - i;
    }

    private static bool IsKey(string text, int after, CodeLanguage language)
    {
        if (!language.KeysBeforeColon)
        {
            return false;
        }

        var j = after;
        while (j < text.Length && text[j] is ' ' or '\t')
        {
            j++;
        }

        // "key: value" but not "http://" or a CSS pseudo-class such as "a:hover".
        return j < text.Length && text[j] == ':' && (j + 1 >= text.Length || char.IsWhiteSpace(text[j + 1]));
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsWordChar(char c, CodeLanguage language) =>
        char.IsLetterOrDigit(c) || c == '_' || language.ExtraWordCharacters.Contains(c);

    private static List<IReadOnlyList<CodeToken>> SplitLines(List<CodeToken> tokens)
    {
        var lines = new List<IReadOnlyList<CodeToken>>();
        var current = new List<CodeToken>();
        foreach (var token in tokens)
        {
            var pieces = token.Text.Split('\n');
            for (var p = 0; p < pieces.Length; p++)
            {
                if (p > 0)
                {
                    lines.Add(current);
                    current = [];
                }

                if (pieces[p].Length > 0)
                {
                    current.Add(token with { Text = pieces[p] });
                }
            }
        }

        lines.Add(current);
        return lines;
    }
}
