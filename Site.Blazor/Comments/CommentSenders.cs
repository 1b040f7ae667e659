using System.Security.Claims;
using Site.Blazor.Blog;
using Site.Blazor.Security;
using Site.Data.Comments;
using Site.Domain.Readers;

namespace Site.Blazor.Comments;

/// <summary>Who is sending a comment, as the comment board needs to know it, from the request.</summary>
public static class CommentSenders
{
    /// <summary>
    /// The sender: account and staff flag from the sign-in, and for the rate limit the same salted hash of address and
    /// user agent that counts reads, so no address is ever stored. With Redis as the cache the daily salt is shared by
    /// every web host, so the limit holds across them.
    /// </summary>
    public static async Task<CommentSender> FromAsync(HttpContext context, DailySalt salt, CancellationToken cancellationToken)
    {
        var (_, daySalt) = await salt.GetAsync(cancellationToken);
        var hash = ReaderHash.Compute(daySalt, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
        var isAdmin = context.User.IsInRole(AdminAuthorization.Role);
        return new CommentSender(UserId(context.User), isAdmin, hash, CanSeeDrafts: DraftVisibility.CanSeeDrafts(context));
    }

    /// <summary>The signed-in account's id, or null for anonymous readers.</summary>
    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>The name a signed-in reader's comment carries when they give none: the part of their user name before any '@'.</summary>
    public static string? DefaultName(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name ? name.Split('@')[0] : null;
}
