using Microsoft.AspNetCore.OutputCaching;
using Site.Blazor.Components.Layout;
using Site.Domain.Blog;

namespace Site.Blazor.Blog;

/// <summary>
/// Output caching of public pages. Every cached response carries the <see cref="ContentTag"/>, evicted when a content
/// sync changes anything; post pages also carry their own <see cref="PostTag"/>, evicted when new reads of that post
/// are counted. That keeps "times read" exact without giving up the cache: under load one reader repeats (no new
/// count, the page stays cached), while a new reader costs one re-render of one post, batched per flush.
/// </summary>
public static class ReaderCache
{
    /// <summary>Posts, listings, feeds, sitemap and API: content changes evict them, so they can live long.</summary>
    public const string Pages = "reader-pages";

    public const string ContentTag = "content";

    public static string PostTag(PostAddress address) => "post:" + address.Category + "/" + address.Slug;

    public static IServiceCollection AddReaderCache(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            options.AddPolicy(Pages, new ReaderPageCachePolicy(TimeSpan.FromMinutes(30)));
        });
        return services;
    }

    /// <summary>
    /// Caches anonymous GET/HEAD responses with status 200 that set no cookie, varied by the reader's theme cookie
    /// (the only request state the pages render). Signed-in readers (the admin sees drafts) always get a fresh page.
    /// A response marked no-store is not stored: Blazor marks pages that prerender an interactive island so, because
    /// the island's circuit descriptor belongs to one reader and expires within minutes.
    /// </summary>
    private sealed class ReaderPageCachePolicy(TimeSpan duration) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && http.User.Identity?.IsAuthenticated != true
                && !http.Request.Headers.ContainsKey("Authorization");
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = duration;
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.VaryByValues["theme"] = ThemePreference.Choice(http);
            context.Tags.Add(ContentTag);
            if (http.GetRouteValue("category") is string category && http.GetRouteValue("slug") is string slug)
            {
                context.Tags.Add(PostTag(PostAddress.FromUrl(category, slug)));
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
                || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
