namespace Site.Domain.Blog.Highlighting;

/// <summary>The languages the highlighter knows, by the names authors write after the opening fence.</summary>
public static class CodeLanguages
{
    private static HashSet<string> Words(string words, bool caseInsensitive = false) =>
        new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private static readonly StringForm[] CStrings = [new("\"", "\""), new("'", "'")];

    public static readonly CodeLanguage CSharp = new()
    {
        DisplayName = "C#",
        LineComments = ["//"],
        BlockComments = [("/*", "*/")],
        Strings = [new("\"\"\"", "\"\"\"", null, true), new("@\"", "\"", null, true), new("$\"", "\""), new("\"", "\""), new("'", "'")],
        Keywords = Words("abstract as async await base break case catch checked class const continue default delegate do else enum event explicit extern finally fixed for foreach get goto if implicit in init interface internal is lock namespace new operator out override params partial private protected public readonly record ref required return sealed set sizeof stackalloc static struct switch this throw try typeof unchecked unsafe using var virtual void volatile when where while with yield"),
        Types = Words("bool byte char decimal double float int long nint nuint object sbyte short string uint ulong ushort dynamic"),
        Literals = Words("true false null"),
        CapitalizedWordsAreTypes = true,
    };

    public static readonly CodeLanguage JavaScript = new()
    {
        DisplayName = "JavaScript",
        LineComments = ["//"],
        BlockComments = [("/*", "*/")],
        Strings = [new("`", "`", '\\', true), .. CStrings],
        Keywords = Words("async await break case catch class const continue debugger default delete do else export extends finally for from function if import in instanceof let new of return static super switch this throw try typeof var void while with yield"),
        Literals = Words("true false null undefined NaN Infinity"),
    };

    public static readonly CodeLanguage TypeScript = JavaScript with
    {
        DisplayName = "TypeScript",
        Keywords = Words("abstract as async await break case catch class const continue declare default delete do else enum export extends finally for from function if implements import in instanceof interface keyof let namespace new of private protected public readonly return satisfies static super switch this throw try type typeof var void while yield"),
        Types = Words("any boolean never number object string symbol unknown bigint"),
        CapitalizedWordsAreTypes = true,
    };

    public static readonly CodeLanguage Python = new()
    {
        DisplayName = "Python",
        LineComments = ["#"],
        Strings = [new("\"\"\"", "\"\"\"", '\\', true), new("'''", "'''", '\\', true), .. CStrings],
        Keywords = Words("and as assert async await break class continue def del elif else except finally for from global if import in is lambda match case nonlocal not or pass raise return try while with yield"),
        Types = Words("int float str bytes bool list dict set tuple object"),
        Literals = Words("True False None"),
        AnnotationPrefix = '@',
    };

    public static readonly CodeLanguage Shell = new()
    {
        DisplayName = "Shell",
        LineComments = ["#"],
        Strings = [new("\"", "\"", '\\', true), new("'", "'", null, true)],
        Keywords = Words("if then else elif fi for while until do done case esac in function return local export readonly set unset trap exit source"),
        ExtraWordCharacters = "-.",
        VariablePrefix = '$',
    };

    public static readonly CodeLanguage Sql = new()
    {
        DisplayName = "SQL",
        LineComments = ["--"],
        BlockComments = [("/*", "*/")],
        Strings = [new("'", "'", null), new("\"", "\"", null)],
        Keywords = Words("add all alter and as asc begin between by cascade case check commit conflict constraint create cross default delete desc distinct do drop else end exists foreign from full group having if in index inner insert intersect into is join key left like limit lateral not nothing offset on or order outer primary references returning right rollback select set table then to transaction union unique update using values view when where window with", caseInsensitive: true),
        Types = Words("bigint boolean bytea char date double integer int interval jsonb json numeric real serial smallint text timestamp timestamptz uuid varchar", caseInsensitive: true),
        Literals = Words("true false null", caseInsensitive: true),
        CaseInsensitive = true,
    };

    public static readonly CodeLanguage Json = new()
    {
        DisplayName = "JSON",
        Strings = [new("\"", "\"")],
        Literals = Words("true false null"),
        KeysBeforeColon = true,
    };

    public static readonly CodeLanguage Yaml = new()
    {
        DisplayName = "YAML",
        LineComments = ["#"],
        Strings = CStrings,
        Literals = Words("true false null yes no on off ~"),
        KeysBeforeColon = true,
        ExtraWordCharacters = "-.",
    };

    public static readonly CodeLanguage Go = new()
    {
        DisplayName = "Go",
        LineComments = ["//"],
        BlockComments = [("/*", "*/")],
        Strings = [new("`", "`", null, true), .. CStrings],
        Keywords = Words("break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var"),
        Types = Words("bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr any"),
        Literals = Words("true false nil iota"),
    };

    public static readonly CodeLanguage Css = new()
    {
        DisplayName = "CSS",
        BlockComments = [("/*", "*/")],
        Strings = CStrings,
        ExtraWordCharacters = "-",
        KeysBeforeColon = true,
        AnnotationPrefix = '@',
    };

    private static readonly Dictionary<string, CodeLanguage> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = CSharp, ["cs"] = CSharp, ["c#"] = CSharp,
        ["javascript"] = JavaScript, ["js"] = JavaScript, ["mjs"] = JavaScript, ["jsx"] = JavaScript,
        ["typescript"] = TypeScript, ["ts"] = TypeScript, ["tsx"] = TypeScript,
        ["python"] = Python, ["py"] = Python,
        ["bash"] = Shell, ["sh"] = Shell, ["shell"] = Shell, ["zsh"] = Shell, ["console"] = Shell,
        ["sql"] = Sql, ["postgresql"] = Sql, ["psql"] = Sql,
        ["json"] = Json,
        ["yaml"] = Yaml, ["yml"] = Yaml,
        ["go"] = Go, ["golang"] = Go,
        ["css"] = Css,
    };

    /// <summary>The language for a fence's info string (<c>csharp</c>, <c>py</c>…), or null when it is not known.</summary>
    public static CodeLanguage? Find(string? name) =>
        name is not null && ByName.TryGetValue(name.Trim(), out var language) ? language : null;
}
