using System.Globalization;
using System.Text;
using Site.Domain.Blog;

namespace Site.Domain.Albums;

/// <summary>An album's address part: made from its title, unique among albums with "-1", "-2"… on a clash.</summary>
public static class AlbumSlug
{
    public const int MaxLength = 100;

    /// <summary>
    /// The slug a title suggests: accents folded to their base letters, lower case, anything else one hyphen, at most
    /// <see cref="MaxLength"/> characters (room kept for a "-n" suffix). "album" when nothing usable is left.
    /// </summary>
    public static string FromTitle(string? title)
    {
        var decomposed = (title ?? "").Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        var slug = Slugs.From(folded.ToString());
        if (slug.Length > MaxLength - 6)
        {
            slug = slug[..(MaxLength - 6)].TrimEnd('-');
        }

        return slug.Length == 0 ? "album" : slug;
    }

    /// <summary>Null when <paramref name="slug"/> can name an album, otherwise a sentence saying why not.</summary>
    public static string? Problem(string? slug)
    {
        if (string.IsNullOrEmpty(slug))
        {
            return "The address (slug) must not be empty.";
        }

        if (slug.Length > MaxLength)
        {
            return $"The address (slug) may be at most {MaxLength} characters long.";
        }

        return Slugs.IsValid(slug)
            ? null
            : "The address (slug) may only contain lower-case letters a–z, digits and single hyphens, and must not start or end with a hyphen.";
    }

    /// <summary>
    /// <paramref name="wanted"/> when no album uses it, else the first of "wanted-1", "wanted-2"… that is free.
    /// <paramref name="taken"/> holds the slugs in use (by other albums).
    /// </summary>
    public static string MakeUnique(string wanted, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(wanted))
        {
            return wanted;
        }

        for (var n = 1; ; n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            var stem = wanted.Length + suffix.Length > MaxLength ? wanted[..(MaxLength - suffix.Length)].TrimEnd('-') : wanted;
            var candidate = stem + suffix;
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}

/// <summary>The rules of an album's title and description, worded for the editor's form.</summary>
public static class AlbumText
{
    public const int MaxTitleLength = 200;

    public const int MaxDescriptionLength = 4000;

    public static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "Give the album a title."
        : title.Trim().Length > MaxTitleLength ? $"The title may be at most {MaxTitleLength} characters long."
        : title.Any(char.IsControl) ? "The title must not contain control characters."
        : null;

    public static string? DescriptionProblem(string? description) =>
        description is { Length: > MaxDescriptionLength } ? $"The description may be at most {MaxDescriptionLength} characters long." : null;
}
