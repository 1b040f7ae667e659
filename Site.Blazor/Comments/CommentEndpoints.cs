using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Site.Blazor.Blog;
using Site.Blazor.Security;
using Site.Data.Comments;
using Site.Domain.Blog;
using Site.Domain.Comments;

namespace Site.Blazor.Comments;

/// <summary>
/// The comment actions that are not the comment form itself, each a POST that requires the antiforgery token:
/// voting and deleting (signed-in readers, whose post pages carry real tokens because they are never cached) and the
/// admin's approval from the post page. Plus <see cref="TokenPath"/>, which hands the cached post page's comment form
/// its token.
/// </summary>
/// <remarks>
/// Why a token endpoint: post pages are output-cached and shared by every anonymous reader, so they cannot carry a
/// per-reader token or set its cookie. The comment form on the post page posts to the uncached comment page
/// (<c>/b/&lt;category&gt;/&lt;slug&gt;/comment</c>), which validates the token like any Blazor form; the page's
/// same-origin script fetches a token from <see cref="TokenPath"/> (never cached, sets the cookie) just before it
/// sends. Without script the post page shows a link to the comment page instead of the form, and that page renders
/// its own token, so commenting works either way and the post page stays cacheable and cookie-free.
/// </remarks>
public static class CommentEndpoints
{
    public const string TokenPath = "/api/antiforgery";

    public static IEndpointRouteBuilder MapCommentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(TokenPath, (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { token = tokens.RequestToken, field = tokens.FormFieldName });
        });

        var actions = new List<RouteHandlerBuilder>();
        actions.Add(endpoints.MapPost("/comments/{id:long}/vote", async (long id, HttpContext context, CommentBoard board, IOutputCacheStore cache, CancellationToken ct) =>
        {
            var direction = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(ct))["direction"].ToString() : null;
            if (CommentVotes.Parse(direction) is not { } clicked)
            {
                return Results.Text("A vote is \"up\" or \"down\".", statusCode: StatusCodes.Status400BadRequest);
            }

            if (CommentSenders.UserId(context.User) is not { } userId)
            {
                return Results.Text("Log in to vote on comments.", statusCode: StatusCodes.Status403Forbidden);
            }

            return await AfterAsync(await board.VoteAsync(id, userId, clicked, ct), id, cache, ct);
        }).RequireAuthorization());

        actions.Add(endpoints.MapPost("/comments/{id:long}/delete", async (long id, HttpContext context, CommentBoard board, IOutputCacheStore cache, CancellationToken ct) =>
        {
            var result = await board.DeleteAsync(id, CommentSenders.UserId(context.User), context.User.IsInRole(AdminAuthorization.Role), ct);
            return await AfterAsync(result, null, cache, ct);
        }).RequireAuthorization());

        actions.Add(endpoints.MapPost("/comments/{id:long}/approve", async (long id, CommentBoard board, IOutputCacheStore cache, CancellationToken ct) =>
        {
            if (await board.PostOfAsync(id, ct) is not { } post)
            {
                return await AfterAsync(CommentActionResult.Refused(CommentBoard.NotFound), id, cache, ct);
            }

            await board.ModerateAsync([id], ModerationAction.Approve, cancellationToken: ct);
            return await AfterAsync(new CommentActionResult(post, null), id, cache, ct);
        }).RequireAuthorization(AdminAuthorization.Policy));

        foreach (var action in actions)
        {
            action.WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(RequireValidToken);
        }
        return endpoints;
    }

    /// <summary>
    /// The antiforgery middleware checks the token of these endpoints, but only form binding acts on its verdict; these
    /// read their form by hand (or not at all), so they act on it here, before anything changes.
    /// </summary>
    private static async ValueTask<object?> RequireValidToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
            ? await next(context)
            : Results.Text("The request was refused because its security token is missing or stale. Reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Back to the post (PRG), its cached page evicted here at once; other hosts evict on the notification.</summary>
    private static async Task<IResult> AfterAsync(CommentActionResult result, long? anchor, IOutputCacheStore cache, CancellationToken ct)
    {
        if (result.Problem is { } problem)
        {
            return Results.Text(problem, statusCode: problem == CommentBoard.NotFound ? StatusCodes.Status404NotFound
                : problem == CommentBoard.NotYours ? StatusCodes.Status403Forbidden
                : StatusCodes.Status400BadRequest);
        }

        var post = result.Post!.Value;
        await cache.EvictByTagAsync(ReaderCache.PostTag(post), ct);
        return Results.Redirect(post.Path + (anchor is { } id ? $"#comment-{id}" : "#comments"), permanent: false, preserveMethod: false);
    }

    /// <summary>The comment page of a post, where the form posts.</summary>
    public static string CommentPagePath(PostAddress post) => post.Path + "comment";
}
