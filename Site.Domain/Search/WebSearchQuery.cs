using System.Text;

namespace Site.Domain.Search;

/// <summary>
/// The parts of a web-search query (quoted phrases, <c>or</c>, <c>-word</c>) that the fuzzy half of the score needs
/// to know about. The database parses the full syntax for the text match; trigram similarity, which knows no syntax,
/// is given only the words the reader wants, and rows holding an excluded word are dropped even when they look similar.
/// </summary>
public sealed record WebSearchQuery(string WantedText, IReadOnlyList<string> ExcludedWords)
{
    public static WebSearchQuery Parse(string normalized)
    {
        var wanted = new List<string>();
        var excluded = new List<string>();
        var inQuotes = false;
        var token = new StringBuilder();
        var negated = false;

        void Flush()
        {
            if (token.Length > 0)
            {
                var word = token.ToString();
                if (negated && !inQuotes)
                {
                    excluded.Add(word);
                }
                else if (inQuotes || !string.Equals(word, "or", StringComparison.OrdinalIgnoreCase))
                {
                    wanted.Add(word);
                }
            }

            token.Clear();
            negated = false;
        }

        foreach (var c in normalized)
        {
            if (c == '"')
            {
                Flush();
                inQuotes = !inQuotes;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c == '-' && token.Length == 0 && !inQuotes)
            {
                negated = true;
            }
            else
            {
                token.Append(c);
            }
        }

        Flush();
        return new WebSearchQuery(string.Join(' ', wanted), excluded);
    }
}
