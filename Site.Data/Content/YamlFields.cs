using Site.Domain.Blog;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Site.Data.Content;

/// <summary>
/// Reads the YAML that content is written in — front matter and data files — as plain keys with text or list-of-text
/// values, each with its line. It walks the parser's event stream instead of building an object graph, so nesting,
/// anchors and aliases cannot blow up memory or the stack: anything beyond text and lists is reported and skipped.
/// </summary>
public static class YamlFields
{
    /// <summary>The keys and values of a single mapping (front matter). <paramref name="firstLine"/> is the file line of the YAML's first line.</summary>
    public static (IReadOnlyList<ContentField> Fields, IReadOnlyList<ContentProblem> Problems) ReadMapping(string yaml, int firstLine)
    {
        var problems = new List<ContentProblem>();
        var fields = new List<ContentField>();
        Run(yaml, firstLine, problems, parser =>
        {
            if (parser.TryConsume<MappingStart>(out _))
            {
                ReadPairs(parser, firstLine, fields, problems);
            }
            else if (!parser.Accept<DocumentEnd>(out _))
            {
                problems.Add(new(Line(parser.Current!, firstLine), "the front matter must be 'key: value' lines."));
            }
        });
        return (fields, problems);
    }

    /// <summary>The entries of a list of mappings (a data file), each with its first line.</summary>
    public static (IReadOnlyList<(int Line, IReadOnlyList<ContentField> Fields)> Entries, IReadOnlyList<ContentProblem> Problems) ReadList(string yaml)
    {
        var problems = new List<ContentProblem>();
        var entries = new List<(int, IReadOnlyList<ContentField>)>();
        Run(yaml, 1, problems, parser =>
        {
            if (!parser.TryConsume<SequenceStart>(out _))
            {
                if (!parser.Accept<DocumentEnd>(out _))
                {
                    problems.Add(new(Line(parser.Current!, 1), "the file must be a list of entries, each starting with '- '."));
                }

                return;
            }

            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var start = parser.Current!;
                if (parser.TryConsume<MappingStart>(out _))
                {
                    var fields = new List<ContentField>();
                    ReadPairs(parser, 1, fields, problems);
                    entries.Add((Line(start, 1), fields));
                }
                else
                {
                    problems.Add(new(Line(start, 1), "each entry must be 'key: value' lines."));
                    Skip(parser);
                }
            }
        });
        return (entries, problems);
    }

    private static void Run(string yaml, int firstLine, List<ContentProblem> problems, Action<IParser> readDocument)
    {
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return;
            }

            parser.Consume<DocumentStart>();
            readDocument(parser);
        }
        catch (YamlException ex)
        {
            problems.Add(new((int)ex.Start.Line + firstLine - 1, "the YAML cannot be read: " + FirstSentence(ex.Message)));
        }
    }

    private static void ReadPairs(IParser parser, int firstLine, List<ContentField> fields, List<ContentProblem> problems)
    {
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            if (!parser.TryConsume<Scalar>(out var key))
            {
                problems.Add(new(Line(keyEvent, firstLine), "keys must be plain words."));
                Skip(parser);
                Skip(parser);
                continue;
            }

            var valueEvent = parser.Current!;
            var line = Line(valueEvent, firstLine);
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                fields.Add(new(key.Value, line, scalar.Value, null));
            }
            else if (parser.TryConsume<SequenceStart>(out _))
            {
                var items = new List<string>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var item = parser.Current!;
                    if (parser.TryConsume<Scalar>(out var text))
                    {
                        items.Add(text.Value);
                    }
                    else
                    {
                        problems.Add(new(Line(item, firstLine), $"'{key.Value}' may only list plain values."));
                        Skip(parser);
                    }
                }

                fields.Add(new(key.Value, line, null, items));
            }
            else
            {
                problems.Add(new(line, $"'{key.Value}' must be plain text or a list of plain values."));
                Skip(parser);
            }
        }
    }

    /// <summary>Consumes one node, however deep, without recursion.</summary>
    private static void Skip(IParser parser)
    {
        var depth = 0;
        do
        {
            var current = parser.Current!;
            depth += current.NestingIncrease;
            parser.MoveNext();
        }
        while (depth > 0);
    }

    private static int Line(ParsingEvent parsingEvent, int firstLine) => (int)parsingEvent.Start.Line + firstLine - 1;

    private static string FirstSentence(string message)
    {
        var text = message.Contains("):", StringComparison.Ordinal) ? message[(message.IndexOf("):", StringComparison.Ordinal) + 2)..].Trim() : message;
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
