using System.Globalization;

namespace Site.Domain.Blog;

/// <summary>One value written in a post's front matter or a data file entry, with the line it is on.</summary>
/// <param name="Scalar">The text of a plain value; null when the value is a list.</param>
/// <param name="List">The items of a list value; null when the value is plain text.</param>
public sealed record ContentField(string Key, int Line, string? Scalar, IReadOnlyList<string>? List);

/// <summary>Something wrong in a content file: the line it is on (when known) and a sentence saying what to fix.</summary>
public sealed record ContentProblem(int? Line, string Message);

/// <summary>What a post says about itself in its front matter, once checked.</summary>
public sealed record PostMetadata(
    string Title,
    DateOnly Date,
    string? Description,
    IReadOnlyList<string> Tags,
    string? Image,
    bool IsDraft);

/// <summary>
/// The rules for a post's front matter: <c>title</c> and <c>date</c> (YYYY-MM-DD) are required; <c>category</c>, when
/// written, must match the folder; <c>description</c>, <c>tags</c>, <c>image</c> and <c>draft</c> are optional. Unknown
/// keys are refused so that a misspelt key (<c>tittle</c>) is not silently ignored.
/// </summary>
public static class PostMetadataRules
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 300;
    public const int MaxTags = 12;

    private static readonly string[] KnownKeys = ["title", "date", "category", "description", "tags", "image", "draft"];

    /// <summary>
    /// Checks the front matter of a post in the folder <paramref name="folderCategory"/>. Returns the metadata when
    /// there are no problems; otherwise null and every problem found (not only the first), each with its line.
    /// </summary>
    /// <param name="frontMatterLine">The line of the opening <c>---</c>, named by problems about missing keys.</param>
    public static (PostMetadata? Metadata, IReadOnlyList<ContentProblem> Problems) Check(
        IReadOnlyList<ContentField> fields,
        string folderCategory,
        IReadOnlyCollection<string> knownCategories,
        int frontMatterLine = 1)
    {
        var problems = new List<ContentProblem>();
        var byKey = new Dictionary<string, ContentField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!KnownKeys.Contains(field.Key))
            {
                problems.Add(new(field.Line, $"'{field.Key}' is not a front matter key; use one of {string.Join(", ", KnownKeys)}."));
            }
            else if (!byKey.TryAdd(field.Key, field))
            {
                problems.Add(new(field.Line, $"'{field.Key}' is written twice; keep one."));
            }
        }

        if (!knownCategories.Contains(folderCategory))
        {
            problems.Add(new(null, $"the folder '{folderCategory}' is not a category; use one of {string.Join(", ", knownCategories)} (content/categories.yml)."));
        }

        var title = RequiredText(byKey, "title", frontMatterLine, MaxTitleLength, problems);
        var date = ReadDate(byKey, frontMatterLine, problems);
        if (byKey.TryGetValue("category", out var category) && Text(category, problems) is { } written && written != folderCategory)
        {
            problems.Add(new(category.Line, $"category '{written}' does not match the folder '{folderCategory}' the file is in; move the file or fix the category."));
        }

        var description = OptionalText(byKey, "description", MaxDescriptionLength, problems);
        var tags = ReadTags(byKey, problems);
        var image = OptionalText(byKey, "image", 500, problems);
        var draft = ReadDraft(byKey, problems);

        return problems.Count == 0
            ? (new PostMetadata(title!, date!.Value, description, tags, image, draft), problems)
            : (null, problems);
    }

    private static string? Text(ContentField field, List<ContentProblem> problems)
    {
        if (field.Scalar is null)
        {
            problems.Add(new(field.Line, $"'{field.Key}' must be plain text, not a list."));
            return null;
        }

        return field.Scalar.Trim();
    }

    private static string? RequiredText(Dictionary<string, ContentField> byKey, string key, int frontMatterLine, int maxLength, List<ContentProblem> problems)
    {
        if (!byKey.TryGetValue(key, out var field))
        {
            problems.Add(new(frontMatterLine, $"the front matter has no {key}; add a line '{key}: …'."));
            return null;
        }

        var text = Text(field, problems);
        if (text is { Length: 0 })
        {
            problems.Add(new(field.Line, $"{key} is empty."));
            return null;
        }

        if (text is { } value && value.Length > maxLength)
        {
            problems.Add(new(field.Line, $"{key} is {value.Length} characters long; at most {maxLength} are allowed."));
            return null;
        }

        return text;
    }

    private static string? OptionalText(Dictionary<string, ContentField> byKey, string key, int maxLength, List<ContentProblem> problems)
    {
        if (!byKey.TryGetValue(key, out var field))
        {
            return null;
        }

        var text = Text(field, problems);
        if (text is { } value && value.Length > maxLength)
        {
            problems.Add(new(field.Line, $"{key} is {value.Length} characters long; at most {maxLength} are allowed."));
            return null;
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static DateOnly? ReadDate(Dictionary<string, ContentField> byKey, int frontMatterLine, List<ContentProblem> problems)
    {
        if (!byKey.TryGetValue("date", out var field))
        {
            problems.Add(new(frontMatterLine, "the front matter has no date; add a line 'date: YYYY-MM-DD'."));
            return null;
        }

        var text = Text(field, problems);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add(new(field.Line, $"date '{text}' is not a real date written as YYYY-MM-DD."));
            return null;
        }

        return date;
    }

    private static List<string> ReadTags(Dictionary<string, ContentField> byKey, List<ContentProblem> problems)
    {
        var tags = new List<string>();
        if (!byKey.TryGetValue("tags", out var field))
        {
            return tags;
        }

        // A single tag may be written as plain text; a list is the usual form.
        var written = field.List ?? (string.IsNullOrWhiteSpace(field.Scalar) ? [] : [field.Scalar]);
        foreach (var tag in written)
        {
            var slug = Slugs.From(tag);
            if (slug.Length == 0)
            {
                problems.Add(new(field.Line, $"the tag '{tag}' has no letters or digits a URL can use."));
            }
            else if (!tags.Contains(slug))
            {
                tags.Add(slug);
            }
        }

        if (tags.Count > MaxTags)
        {
            problems.Add(new(field.Line, $"{tags.Count} tags are too many; keep at most {MaxTags}."));
        }

        return tags;
    }

    private static bool ReadDraft(Dictionary<string, ContentField> byKey, List<ContentProblem> problems)
    {
        if (!byKey.TryGetValue("draft", out var field))
        {
            return false;
        }

        switch (Text(field, problems)?.ToLowerInvariant())
        {
            case "true" or "yes":
                return true;
            case "false" or "no" or null:
                return false;
            case var other:
                problems.Add(new(field.Line, $"draft must be true or false, not '{other}'."));
                return false;
        }
    }
}
