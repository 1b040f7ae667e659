using Site.Domain.Blog.Highlighting;

namespace Site.Domain.Tests.Blog;

public class CodeHighlighter_Tokenize
{
    private static List<(TokenKind, string)> Flat(string code, CodeLanguage? language) =>
        CodeHighlighter.Tokenize(code, language).SelectMany(line => line).Select(t => (t.Kind, t.Text)).ToList();

    [Fact]
    public void ColoursCSharpKeywordsTypesStringsCommentsAndCalls()
    {
        var tokens = Flat("public static int Add(int a) => a + 1; // sum\nvar s = \"hi\";", CodeLanguages.CSharp);

        Assert.Contains((TokenKind.Keyword, "public"), tokens);
        Assert.Contains((TokenKind.Type, "int"), tokens);
        Assert.Contains((TokenKind.Type, "Add"), tokens);
        Assert.Contains((TokenKind.Number, "1"), tokens);
        Assert.Contains((TokenKind.Comment, "// sum"), tokens);
        Assert.Contains((TokenKind.String, "\"hi\""), tokens);
    }

    [Fact]
    public void SplitsMultiLineCommentsAtLineEndsSoEveryLineStandsAlone()
    {
        var lines = CodeHighlighter.Tokenize("/* one\ntwo */ x", CodeLanguages.CSharp);

        Assert.Equal(2, lines.Count);
        Assert.Equal((TokenKind.Comment, "/* one"), (lines[0][0].Kind, lines[0][0].Text));
        Assert.Equal((TokenKind.Comment, "two */"), (lines[1][0].Kind, lines[1][0].Text));
    }

    [Fact]
    public void KnowsShellVariablesCommentsAndHyphenatedCommands()
    {
        var tokens = Flat("apt-get install -y wrk # load\necho \"$HOME\" ${USER} $1", CodeLanguages.Shell);

        Assert.Contains((TokenKind.Plain, "apt-get install -y wrk "), tokens);
        Assert.Contains((TokenKind.Comment, "# load"), tokens);
        Assert.Contains((TokenKind.Variable, "${USER}"), tokens);
        Assert.Contains((TokenKind.Variable, "$1"), tokens);
    }

    [Fact]
    public void MarksKeysInYamlAndJson()
    {
        Assert.Contains((TokenKind.Key, "name"), Flat("name: value\nurl: http://x#y", CodeLanguages.Yaml));
        Assert.DoesNotContain(Flat("url: http://x#y", CodeLanguages.Yaml), t => t.Item1 == TokenKind.Comment);
        Assert.Contains((TokenKind.Key, "\"title\""), Flat("{\"title\": \"x\", \"n\": 1}", CodeLanguages.Json));
    }

    [Fact]
    public void MatchesSqlKeywordsInAnyCase() =>
        Assert.Contains((TokenKind.Keyword, "SeLeCt"), Flat("SeLeCt 1", CodeLanguages.Sql));

    [Fact]
    public void AnUnclosedStringEndsAtItsLine()
    {
        var lines = CodeHighlighter.Tokenize("x = \"open\ny = 2", CodeLanguages.Python);

        Assert.Contains(lines[1], t => t.Kind == TokenKind.Number && t.Text == "2");
    }

    [Fact]
    public void UnknownLanguagesStayPlainButKeepTheirLines()
    {
        var lines = CodeHighlighter.Tokenize("a\r\nb\n\nc\n", null);

        Assert.Equal(4, lines.Count);
        Assert.Empty(lines[2]);
        Assert.All(lines.SelectMany(l => l), t => Assert.Equal(TokenKind.Plain, t.Kind));
    }

    [Fact]
    public void HtmlEncodesEverythingAndWrapsEachLine()
    {
        var html = CodeHighlighter.ToHtml(CodeHighlighter.Tokenize("<script>alert('x')</script>\nvar a = \"<b>\";", CodeLanguages.JavaScript));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<span class=\"tok-str\">&quot;&lt;b&gt;&quot;</span>", html);
        Assert.Equal(2, html.Split("<span class=\"line\">").Length - 1);
    }

    [Fact]
    public void FindsLanguagesByTheirCommonNames()
    {
        Assert.Same(CodeLanguages.CSharp, CodeLanguages.Find("cs"));
        Assert.Same(CodeLanguages.Shell, CodeLanguages.Find("Bash"));
        Assert.Null(CodeLanguages.Find("brainfuck"));
        Assert.Null(CodeLanguages.Find(null));
    }

    [Fact]
    public void SurvivesHostileInputQuickly()
    {
        var garbage = string.Concat(Enumerable.Repeat("\"\\'/*`${#@\0\u202e", 20_000));
        foreach (var language in new[] { CodeLanguages.CSharp, CodeLanguages.Shell, CodeLanguages.Python, CodeLanguages.Yaml })
        {
            var lines = CodeHighlighter.Tokenize(garbage, language);
            Assert.Equal(garbage.Length, lines.Sum(l => l.Sum(t => t.Text.Length)));
        }
    }
}
