namespace Site.Domain.Search;

/// <summary>What a search result is: stored in the index's <c>kind</c> column and named in the results page's <c>type</c>.</summary>
public sealed record SearchKind(string Name, string Type, string Heading, string Singular)
{
    public static readonly SearchKind Post = new("post", "posts", "Posts", "Post");
    public static readonly SearchKind Project = new("project", "projects", "Projects", "Project");
    public static readonly SearchKind Book = new("book", "books", "Books", "Book");
    public static readonly SearchKind Album = new("album", "albums", "Albums", "Album");
    public static readonly SearchKind Photo = new("photo", "photos", "Photos", "Photo");

    /// <summary>Every kind, in the order results are grouped and suggestions are listed.</summary>
    public static IReadOnlyList<SearchKind> All { get; } = [Post, Project, Book, Album, Photo];

    /// <summary>The kind stored as <paramref name="name"/> in the index, or null.</summary>
    public static SearchKind? FromName(string? name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>
    /// The kind a <c>type=</c> value asks for: its plural (<c>posts</c>), its singular (<c>post</c>) or <c>blog</c> for
    /// posts, in any case. Null means all kinds (empty or <c>all</c>); <paramref name="known"/> is false for anything else.
    /// </summary>
    public static SearchKind? FromType(string? type, out bool known)
    {
        known = true;
        var value = type?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value) || value == "all")
        {
            return null;
        }

        if (value == "blog")
        {
            return Post;
        }

        var kind = All.FirstOrDefault(k => k.Type == value || k.Name == value);
        known = kind is not null;
        return kind;
    }
}
