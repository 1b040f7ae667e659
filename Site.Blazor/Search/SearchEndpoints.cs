using Site.Blazor.Blog;
using Site.Data.Search;

namespace Site.Blazor.Search;

/// <summary>
/// <c>GET /api/search/autocomplete/?q=</c>: the header box's suggestions as a JSON array of
/// <c>{ title, type, url, category }</c>: up to 5 posts, 3 projects, 2 books, then albums and photos, 10 in all; an
/// empty array below 2 characters. Private rows only for the admin, so answers are never stored by shared caches.
/// </summary>
public static class SearchEndpoints
{
    public const string AutocompletePath = "/api/search/autocomplete/";

    public static IEndpointRouteBuilder MapSiteSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AutocompletePath, async (HttpContext http, SearchQueries search, CancellationToken ct) =>
        {
            var suggestions = await search.AutocompleteAsync(http.Request.Query["q"].ToString(), SearchAccess.IncludesPrivate(http), ct);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Json(suggestions.Select(s => new { title = s.Title, type = s.Kind.Name, url = s.Url, category = s.Category }));
        });
        return endpoints;
    }
}

/// <summary>The one rule for private search rows (drafts, private albums and their photos): only the admin sees them.</summary>
public static class SearchAccess
{
    public static bool IncludesPrivate(HttpContext? context) => DraftVisibility.CanSeeDrafts(context);
}
