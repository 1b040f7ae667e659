namespace Site.Domain.Blog;

/// <summary>How many posts <c>/api/posts/?limit=</c> returns: 5 unless asked, at most 50, and 5 for anything unreadable.</summary>
public static class PostListLimit
{
    public const int Default = 5;
    public const int Maximum = 50;

    public static int Parse(string? limit) =>
        int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? Math.Min(value, Maximum)
            : Default;
}
