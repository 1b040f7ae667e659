using System.Text;

namespace Site.Domain.Search;

/// <summary>
/// What is left of a reader's query before it reaches the database: at most <see cref="MaxLength"/> characters,
/// without control characters, unpaired surrogates (PostgreSQL refuses them) or the snippet markers, with runs of
/// white space made one space. Everything else, quotes and operators included, is kept: the database parses the
/// query as web-search syntax, which accepts any text, and the query always travels as a parameter.
/// </summary>
public static class SearchQueryText
{
    /// <summary>Longer queries are cut: no real search needs more, and every extra word costs index lookups.</summary>
    public const int MaxLength = 200;

    /// <summary>Autocomplete answers from this many characters on.</summary>
    public const int MinAutocompleteLength = 2;

    public static string Normalize(string? query) => Clean(query, MaxLength).Trim();

    /// <summary>
    /// Text for the index (titles, descriptions, bodies): the same cleaning as queries with a larger limit, so the
    /// snippet markers can never come from the content itself.
    /// </summary>
    public static string CleanForIndex(string? text, int maxLength) => Clean(text, maxLength).Trim();

    private static string Clean(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        var pendingSpace = false;
        for (var i = 0; i < text.Length && builder.Length < maxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    if (builder.Length + (pendingSpace ? 3 : 2) > maxLength)
                    {
                        break;
                    }

                    AppendPendingSpace(builder, ref pendingSpace);
                    builder.Append(c).Append(text[i + 1]);
                    i++;
                }

                continue;
            }

            if (char.IsLowSurrogate(c) || c == SearchSnippet.StartMark || c == SearchSnippet.EndMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            AppendPendingSpace(builder, ref pendingSpace);
            if (builder.Length < maxLength)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static void AppendPendingSpace(StringBuilder builder, ref bool pendingSpace)
    {
        if (pendingSpace)
        {
            builder.Append(' ');
            pendingSpace = false;
        }
    }

    /// <summary>
    /// The prefix query autocomplete hands to <c>to_tsquery</c>: every run of letters and digits becomes
    /// <c>word:*</c>, joined by <c>&amp;</c>. Nothing else survives, so the result is always valid tsquery syntax.
    /// Null when the query holds no letters or digits.
    /// </summary>
    public static string? PrefixQuery(string normalized)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        // Eight words are plenty to narrow suggestions; more only cost index lookups.
        return words.Count == 0 ? null : string.Join(" & ", words.Take(8).Select(w => w + ":*"));
    }
}
