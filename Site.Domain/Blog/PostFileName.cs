namespace Site.Domain.Blog;

/// <summary>
/// The rule for post file names: <c>&lt;number&gt;-&lt;slug&gt;.md</c>, the number written with at least four digits
/// (<c>0007-film-scanning-at-home.md</c>). The number orders posts and is unique across the blog; the slug is the URL.
/// </summary>
public static class PostFileName
{
    public const string Extension = ".md";

    /// <summary>The parsed number and slug, or a sentence saying what is wrong with <paramref name="fileName"/>.</summary>
    public static (int Number, string Slug, string? Problem) Parse(string fileName)
    {
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return (0, "", $"'{fileName}' is not a Markdown file; post files end in {Extension}.");
        }

        var stem = fileName[..^Extension.Length];
        var dash = stem.IndexOf('-');
        var digits = dash < 0 ? stem : stem[..dash];
        if (dash < 4 || digits.Length > 6 || !digits.All(char.IsAsciiDigit))
        {
            return (0, "", $"'{fileName}' must be named <number>-<slug>.md with a number of 4 to 6 digits, like 0007-my-post.md.");
        }

        var slug = stem[(dash + 1)..];
        if (!Slugs.IsValid(slug))
        {
            return (0, "", $"'{fileName}' has the slug '{slug}', but a slug may only hold lower-case letters, digits and single hyphens.");
        }

        var number = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return number == 0
            ? (0, "", $"'{fileName}' has the number 0; post numbers start at 1.")
            : (number, slug, null);
    }
}
