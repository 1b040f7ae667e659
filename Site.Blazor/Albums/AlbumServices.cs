using Microsoft.AspNetCore.OutputCaching;
using Site.Blazor.Blog;

namespace Site.Blazor.Albums;

/// <summary>Wires albums into the web host: access checks, the sitemap section and cache eviction after admin changes.</summary>
public static class AlbumServices
{
    public static IServiceCollection AddSiteAlbums(this IServiceCollection services)
    {
        services.AddSingleton<AlbumAccess>();
        services.AddSingleton<ISitemapSection, AlbumSitemap>();
        services.AddSingleton<AlbumPagesCache>();
        return services;
    }
}

/// <summary>
/// Cached reader pages that list albums (the home page, the sitemap) carry the content tag; an admin change to an
/// album evicts them here at once, and every other web host hears of it through the editor's content-change
/// notification. Album pages themselves are never output-cached: what they show depends on who asks.
/// </summary>
public sealed class AlbumPagesCache(IOutputCacheStore store)
{
    public Task EvictAsync(CancellationToken cancellationToken = default) => store.EvictByTagAsync(ReaderCache.ContentTag, cancellationToken).AsTask();
}

/// <summary>Public albums in the sitemap, weekly, ranked by size (<see cref="Domain.Albums.AlbumOrdering.SitemapPriority"/>).</summary>
public sealed class AlbumSitemap(Data.Albums.AlbumGallery gallery) : ISitemapSection
{
    public string Name => "albums";

    public async Task<IReadOnlyList<SitemapEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        var albums = await gallery.SitemapAsync(cancellationToken);
        var entries = albums
            .Select(a => new SitemapEntry(AlbumAccess.AlbumPath(a.Slug), DateOnly.FromDateTime(a.UpdatedAt.UtcDateTime), "weekly", Domain.Albums.AlbumOrdering.SitemapPriority(a.PhotoCount)))
            .ToList();
        if (entries.Count > 0)
        {
            entries.Insert(0, new SitemapEntry("/photos/", null, "weekly", Domain.Blog.SitemapPriority.Listing));
        }

        return entries;
    }
}
