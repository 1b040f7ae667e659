namespace Site.Domain.Blog;

/// <summary>Where a post lives on the site: its category and slug, which together make its URL.</summary>
public readonly record struct PostAddress(string Category, string Slug)
{
    /// <summary>The canonical, site-relative URL of the post: <c>/b/&lt;category&gt;/&lt;slug&gt;/</c>.</summary>
    public string Path => $"/b/{Category}/{Slug}/";

    public override string ToString() => Path;

    /// <summary>
    /// The address a request names: URLs are matched without regard to case (a hand-typed /b/Tech/My-Post/ finds the
    /// post), and the canonical address is lower case.
    /// </summary>
    public static PostAddress FromUrl(string category, string slug) => new(category.ToLowerInvariant(), slug.ToLowerInvariant());

    /// <summary>
    /// Reads a post address from a site path such as <c>/b/tech/some-slug/</c> (the trailing slash may be missing).
    /// False for anything else, including paths with more segments or characters a slug cannot have.
    /// </summary>
    public static bool TryParsePath(string? path, out PostAddress address)
    {
        address = default;
        if (path is null || !path.StartsWith("/b/", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = path[3..].TrimEnd('/').Split('/');
        if (parts.Length != 2 || !Slugs.IsValid(parts[0]) || !Slugs.IsValid(parts[1]))
        {
            return false;
        }

        address = new PostAddress(parts[0], parts[1]);
        return true;
    }
}

/// <summary>The one rule for URL slugs: lower-case ASCII letters and digits in words joined by single hyphens.</summary>
public static class Slugs
{
    public const int MaxLength = 120;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value[0] == '-' || value[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var ok = c is >= 'a' and <= 'z' or >= '0' and <= '9' || (c == '-' && value[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Turns free text (a tag as the author wrote it) into a slug: lower case, runs of anything but letters and
    /// digits become one hyphen. Letters outside ASCII are dropped, so the result may be empty.
    /// </summary>
    public static string From(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().TrimEnd('-');
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }
}
