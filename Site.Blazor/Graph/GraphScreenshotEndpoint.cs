using Site.Data.Graph;
using Site.Data.Storage;

namespace Site.Blazor.Graph;

/// <summary>
/// <c>/api/knowledge-graph/screenshot/</c>: the newest picture of the graph (PNG), taken by the jobs host. It is the
/// site's default social image, so it is cached by browsers and proxies for an hour.
/// </summary>
public static class GraphScreenshotEndpoint
{
    public const string Path = "/api/knowledge-graph/screenshot/";

    public static IEndpointRouteBuilder MapGraphScreenshot(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext http, LatestGraphScreenshot latest, IObjectStorage storage, CancellationToken ct) =>
        {
            if (await latest.KeyAsync(ct) is not { } key || await storage.GetAsync(key, ct) is not { } picture)
            {
                return Results.Json(new { status = "error", error = "There is no screenshot of the graph yet; the jobs host takes one nightly and whenever the graph changes." },
                    statusCode: StatusCodes.Status404NotFound);
            }

            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Stream(picture.Content, "image/png");
        });
        return endpoints;
    }
}

/// <summary>The key of the newest graph screenshot, looked up at most every few minutes (every page's social tags ask).</summary>
public sealed class LatestGraphScreenshot(GraphScreenshotQuery query, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    /// <summary>"None yet" is kept briefly: the first picture of a new site comes within a minute of its start.</summary>
    private static readonly TimeSpan NoneFreshness = TimeSpan.FromSeconds(15);

    private (string? Key, DateTimeOffset At)? _cached;

    public async Task<string?> KeyAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_cached is { } cached && now - cached.At < (cached.Key is null ? NoneFreshness : Freshness))
        {
            return cached.Key;
        }

        var key = await query.LatestKeyAsync(cancellationToken);
        _cached = (key, now);
        return key;
    }
}
