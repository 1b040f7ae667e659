namespace Site.Data.Content;

/// <summary>A blog post as the last good sync of its file left it, rendered and ready to serve.</summary>
public sealed class Post
{
    public int Id { get; set; }

    /// <summary>From the file name; orders the posts and ranks them in the sitemap.</summary>
    public int Number { get; set; }

    public required string Category { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public DateOnly PublishedOn { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Site path of the social image (<c>/images/…</c>), when the post names one.</summary>
    public string? Image { get; set; }

    public bool IsDraft { get; set; }

    /// <summary>The body rendered to HTML at sync time, code highlighted; safe to write into the page as it is.</summary>
    public required string Html { get; set; }

    /// <summary>The body as plain text, for search and descriptions.</summary>
    public required string PlainText { get; set; }

    public int WordCount { get; set; }

    public int ReadingMinutes { get; set; }

    /// <summary>The file, relative to the content folder (<c>posts/tech/0003-x.md</c>), for history links and errors.</summary>
    public required string SourcePath { get; set; }

    /// <summary>SHA-256 over everything the sync writes for the post: equal means nothing to update.</summary>
    public required string ContentHash { get; set; }

    public DateTimeOffset SyncedAt { get; set; }

    /// <summary>Unique readers so far (one per reader per day), kept by the read counter, never by the sync.</summary>
    public int TimesRead { get; set; }
}

/// <summary>A link from one post to another, for the knowledge graph and backlinks. One row per pair of posts, with its count.</summary>
public sealed class PostLink
{
    public long Id { get; set; }

    public int SourcePostId { get; set; }

    public int TargetPostId { get; set; }

    public required string LinkText { get; set; }

    /// <summary>About 100 characters of the text around the link.</summary>
    public required string Context { get; set; }

    /// <summary>The line of the link in the source file.</summary>
    public int Line { get; set; }

    /// <summary>How many times the source links to the target (one edge in the graph, however often it is repeated).</summary>
    public int Count { get; set; } = 1;
}

/// <summary>One reader of one post on one day, known only by a salted hash.</summary>
public sealed class PostRead
{
    public int PostId { get; set; }

    public DateOnly ReadOn { get; set; }

    public required string ReaderHash { get; set; }
}

/// <summary>A problem the last sync found in a content file, for the admin dashboard and the logs.</summary>
public sealed class ContentError
{
    public long Id { get; set; }

    public required string SourcePath { get; set; }

    public int? Line { get; set; }

    public required string Message { get; set; }

    public DateTimeOffset DetectedAt { get; set; }
}

/// <summary>A blog category, from <c>content/categories.yml</c>.</summary>
public sealed class Category
{
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>A project shown on the home page, from <c>content/projects.yml</c>.</summary>
public sealed class Project
{
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public string? Url { get; set; }

    public List<string> Technologies { get; set; } = [];

    public int SortOrder { get; set; }
}

/// <summary>A book shown on the home page, from <c>content/books.yml</c>.</summary>
public sealed class Book
{
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Author { get; set; }

    /// <summary>Site path of the cover image (<c>/images/…</c>).</summary>
    public string? Cover { get; set; }

    public string? Quote { get; set; }

    public string? Url { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>A page of prose that is not a post (the home page's "about"), from <c>content/&lt;slug&gt;.md</c>.</summary>
public sealed class ContentPage
{
    public required string Slug { get; set; }

    public required string Html { get; set; }

    public required string ContentHash { get; set; }
}
