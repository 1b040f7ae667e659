namespace Site.Domain.Blog.Highlighting;

/// <summary>A string form of a language: how it opens and closes, whether it may span lines, and its escape character.</summary>
public sealed record StringForm(string Open, string Close, char? Escape = '\\', bool Multiline = false);

/// <summary>
/// What the highlighter needs to know about a language. Deliberately small: the highlighter colours comments,
/// strings, numbers and words from a few lists, which is what makes code in a post easy to scan; it is no parser.
/// </summary>
public sealed record CodeLanguage
{
    /// <summary>The name shown above the code block.</summary>
    public required string DisplayName { get; init; }

    public string[] LineComments { get; init; } = [];

    public (string Open, string Close)[] BlockComments { get; init; } = [];

    /// <summary>Tried in order, so longer openers (<c>"""</c>) come before shorter ones (<c>"</c>).</summary>
    public StringForm[] Strings { get; init; } = [];

    public IReadOnlySet<string> Keywords { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Types { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Literals { get; init; } = new HashSet<string>();

    /// <summary>Keywords match in any case (SQL).</summary>
    public bool CaseInsensitive { get; init; }

    /// <summary>Capitalised words are type names (C#, Java, TypeScript, Go).</summary>
    public bool CapitalizedWordsAreTypes { get; init; }

    /// <summary>A word or string followed by ':' is a key (JSON, YAML).</summary>
    public bool KeysBeforeColon { get; init; }

    /// <summary>Characters besides letters, digits and '_' that may continue a word (<c>-</c> in <c>apt-get</c>).</summary>
    public string ExtraWordCharacters { get; init; } = "";

    /// <summary>Prefix of variables (<c>$</c> in shell).</summary>
    public char? VariablePrefix { get; init; }

    /// <summary>Prefix of annotations and decorators (<c>@</c> in Python).</summary>
    public char? AnnotationPrefix { get; init; }
}
