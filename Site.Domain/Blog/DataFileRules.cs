namespace Site.Domain.Blog;

/// <summary>A blog category from <c>content/categories.yml</c>.</summary>
public sealed record CategoryEntry(string Slug, string Name, string? Description);

/// <summary>A project from <c>content/projects.yml</c>.</summary>
public sealed record ProjectEntry(string Slug, string Name, string Description, string? Url, IReadOnlyList<string> Technologies);

/// <summary>A book from <c>content/books.yml</c>; the cover is a path inside the content folder, checked by the sync.</summary>
public sealed record BookEntry(string Slug, string Title, string Author, string? Cover, string? Quote, string? Url);

/// <summary>
/// The rules for entries of the data files beside the posts. Each entry is checked on its own, so one bad entry is
/// reported with its line and the others still load.
/// </summary>
public static class DataFileRules
{
    public static (CategoryEntry? Entry, IReadOnlyList<ContentProblem> Problems) Category(IReadOnlyList<ContentField> fields, int line)
    {
        var reader = new EntryReader(fields, line, ["slug", "name", "description"]);
        var slug = reader.Slug("slug");
        var name = reader.Required("name", 60);
        var description = reader.Optional("description", 300);
        return reader.Result(() => new CategoryEntry(slug!, name!, description));
    }

    public static (ProjectEntry? Entry, IReadOnlyList<ContentProblem> Problems) Project(IReadOnlyList<ContentField> fields, int line)
    {
        var reader = new EntryReader(fields, line, ["slug", "name", "description", "url", "technologies"]);
        var slug = reader.Slug("slug");
        var name = reader.Required("name", 100);
        var description = reader.Required("description", 600);
        var url = reader.HttpUrl("url");
        var technologies = reader.List("technologies");
        return reader.Result(() => new ProjectEntry(slug!, name!, description!, url, technologies));
    }

    public static (BookEntry? Entry, IReadOnlyList<ContentProblem> Problems) Book(IReadOnlyList<ContentField> fields, int line)
    {
        var reader = new EntryReader(fields, line, ["slug", "title", "author", "cover", "quote", "url"]);
        var slug = reader.Slug("slug");
        var title = reader.Required("title", 200);
        var author = reader.Required("author", 200);
        var cover = reader.Optional("cover", 300);
        var quote = reader.Optional("quote", 600);
        var url = reader.HttpUrl("url");
        return reader.Result(() => new BookEntry(slug!, title!, author!, cover, quote, url));
    }

    private sealed class EntryReader
    {
        private readonly Dictionary<string, ContentField> _byKey = new(StringComparer.Ordinal);
        private readonly List<ContentProblem> _problems = [];
        private readonly int _line;

        public EntryReader(IReadOnlyList<ContentField> fields, int line, string[] knownKeys)
        {
            _line = line;
            foreach (var field in fields)
            {
                if (!knownKeys.Contains(field.Key))
                {
                    _problems.Add(new(field.Line, $"'{field.Key}' is not a known key here; use {string.Join(", ", knownKeys)}."));
                }
                else if (!_byKey.TryAdd(field.Key, field))
                {
                    _problems.Add(new(field.Line, $"'{field.Key}' is written twice; keep one."));
                }
            }
        }

        public string? Required(string key, int maxLength)
        {
            if (!_byKey.TryGetValue(key, out var field))
            {
                _problems.Add(new(_line, $"{key} is required."));
                return null;
            }

            var before = _problems.Count;
            var text = Optional(key, maxLength);
            if (text is null && _problems.Count == before)
            {
                _problems.Add(new(field.Line, $"{key} is empty."));
            }

            return text;
        }

        public string? Optional(string key, int maxLength)
        {
            if (!_byKey.TryGetValue(key, out var field))
            {
                return null;
            }

            if (field.Scalar is null)
            {
                _problems.Add(new(field.Line, $"'{key}' must be plain text, not a list."));
                return null;
            }

            var text = field.Scalar.Trim();
            if (text.Length > maxLength)
            {
                _problems.Add(new(field.Line, $"{key} is {text.Length} characters long; at most {maxLength} are allowed."));
                return null;
            }

            return text.Length == 0 ? null : text;
        }

        public string? Slug(string key)
        {
            var text = Required(key, Slugs.MaxLength);
            if (text is not null && !Slugs.IsValid(text))
            {
                _problems.Add(new(_byKey[key].Line, $"{key} '{text}' may only hold lower-case letters, digits and single hyphens."));
                return null;
            }

            return text;
        }

        public string? HttpUrl(string key)
        {
            var text = Optional(key, 500);
            if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                _problems.Add(new(_byKey[key].Line, $"{key} '{text}' must be an absolute http or https address."));
                return null;
            }

            return text;
        }

        public IReadOnlyList<string> List(string key)
        {
            if (!_byKey.TryGetValue(key, out var field))
            {
                return [];
            }

            return field.List ?? (string.IsNullOrWhiteSpace(field.Scalar) ? [] : [field.Scalar.Trim()]);
        }

        public (T? Entry, IReadOnlyList<ContentProblem> Problems) Result<T>(Func<T> build) where T : class =>
            _problems.Count == 0 ? (build(), _problems) : (null, _problems);
    }
}
