using Site.Domain.Comments;

namespace Site.Data.Comments;

/// <summary>A reader's comment on a post, as stored: its Markdown, the sanitized HTML made from it once, and its place in moderation.</summary>
public sealed class Comment
{
    public long Id { get; set; }

    public int PostId { get; set; }

    /// <summary>The comment this one answers; deleting that one deletes this one too.</summary>
    public long? ParentId { get; set; }

    /// <summary>The account that wrote it, when signed in; null for anonymous comments.</summary>
    public string? UserId { get; set; }

    public required string AuthorName { get; set; }

    /// <summary>Given by anonymous readers for replies by mail; never shown on the site.</summary>
    public string? AuthorEmail { get; set; }

    public required string Markdown { get; set; }

    /// <summary>Rendered and sanitized when the comment is stored; safe to write into the page as it is.</summary>
    public required string Html { get; set; }

    public CommentStatus Status { get; set; }

    /// <summary>Why it was rejected, for the admin's own record.</summary>
    public string? ModerationNote { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ModeratedAt { get; set; }

    /// <summary>
    /// A salted hash of the sender's address and user agent (the daily reader hash), never the address itself: enough
    /// to count one client's comments for the rate limit, nothing to find them by.
    /// </summary>
    public required string ClientHash { get; set; }

    public int UpVotes { get; set; }

    public int DownVotes { get; set; }

    /// <summary>Up votes minus down votes.</summary>
    public int Score { get; set; }
}

/// <summary>One signed-in reader's vote on one comment.</summary>
public sealed class CommentVote
{
    public long CommentId { get; set; }

    public required string UserId { get; set; }

    public VoteDirection Direction { get; set; }

    public DateTimeOffset VotedAt { get; set; }
}
