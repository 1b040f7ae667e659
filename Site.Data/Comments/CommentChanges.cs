using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Domain.Blog;

namespace Site.Data.Comments;

/// <summary>
/// The PostgreSQL notification channel that says "the comments shown on this post changed", with the post's
/// <c>category/slug</c> as payload. Sent inside the transaction that made the change, so every web host evicts that
/// one post's cached page only once the change is committed.
/// </summary>
public static class CommentChanges
{
    public const string Channel = "site_comments_changed";

    public static Task NotifyAsync(SiteDbContext db, PostAddress post, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {post.Category + "/" + post.Slug})", cancellationToken);

    /// <summary>Reads a payload back into the post's address; false for anything malformed.</summary>
    public static bool TryParse(string? payload, out PostAddress post) =>
        PostAddress.TryParsePath("/b/" + payload + "/", out post);
}
