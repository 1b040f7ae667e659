using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.Domain.Blog;

namespace Site.Blazor.Blog;

/// <summary>
/// <c>/api/posts/?limit=</c>: the newest published posts as JSON, <c>{ posts: [{ title, url, category,
/// published_date, number }], count, total }</c>, with absolute URLs so other sites can link straight to them.
/// </summary>
public static class PostsApi
{
    public const string Path = "/api/posts/";

    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (string? limit, BlogReader blog, IOptions<SiteIdentityOptions> site, CancellationToken ct) =>
        {
            var posts = await blog.ListAsync(includeDrafts: false, limit: PostListLimit.Parse(limit), cancellationToken: ct);
            var total = await blog.CountPublishedAsync(ct);
            return Results.Json(new
            {
                posts = posts.Select(p => new
                {
                    title = p.Title,
                    url = site.Value.Absolute(p.Address.Path),
                    category = p.Address.Category,
                    published_date = p.PublishedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    number = p.Number,
                }),
                count = posts.Count,
                total,
            });
        }).CacheOutput(ReaderCache.Pages);
        return endpoints;
    }
}
