using Site.Data.Content;

namespace Site.Data.Tests.Content;

public class YamlFields_Read
{
    [Fact]
    public void ReadsTextQuotedTextAndBothListFormsWithFileLines()
    {
        var (fields, problems) = YamlFields.ReadMapping("title: \"Locks: a story\"\ntags: [a, b]\nmore:\n  - c\n  - d\ndraft: no\n", firstLine: 2);

        Assert.Empty(problems);
        Assert.Equal(("title", 2, "Locks: a story"), (fields[0].Key, fields[0].Line, fields[0].Scalar));
        Assert.Equal(["a", "b"], fields[1].List);
        Assert.Equal(3, fields[1].Line);
        Assert.Equal(["c", "d"], fields[2].List);
        Assert.Equal("no", fields[3].Scalar);
    }

    [Fact]
    public void RefusesNestedMappingsWithTheirLine()
    {
        var (fields, problems) = YamlFields.ReadMapping("title: T\nauthor:\n  name: me\n", firstLine: 1);

        Assert.Single(fields);
        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("'author' must be plain text or a list", problem.Message);
    }

    [Fact]
    public void ExplainsAColonInAnUnquotedTitle()
    {
        var (_, problems) = YamlFields.ReadMapping("title: Locks: a story\n", firstLine: 2);

        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("cannot be read", problem.Message);
    }

    [Fact]
    public void ReadsAListOfEntries()
    {
        var (entries, problems) = YamlFields.ReadList("- slug: a\n  name: A\n- slug: b\n  name: B\n- just text\n");

        Assert.Equal(2, entries.Count);
        Assert.Equal(3, entries[1].Line);
        Assert.Contains(problems, p => p.Line == 5 && p.Message.Contains("each entry"));
    }
}
