using Microsoft.Net.Http.Headers;
using Site.Data.Albums;
using Site.Data.Storage;
using Site.Domain.Albums;

namespace Site.Blazor.Albums;

/// <summary>
/// The files of album pages, each behind the album's access check: images, single-photo downloads, the ZIP, the EXIF
/// panel's facts, and the share link's password form. A private album's files are never public objects; everything
/// the check refuses, and everything missing, is the same 404 as an unknown album.
/// </summary>
public static class AlbumEndpoints
{
    /// <summary>How long opening a stored object may take before the request gives up.</summary>
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long one read from storage may stall while streaming a download.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    public const string Prefix = "/photos/album/{slug}";

    public static IEndpointRouteBuilder MapAlbums(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Prefix + "/media/{photoId:guid}/{file}", ServeImageAsync).ExcludeFromDescription();
        endpoints.MapGet(Prefix + "/download/{photoId:guid}", DownloadPhotoAsync).ExcludeFromDescription();
        endpoints.MapGet(Prefix + "/album.zip", DownloadZipAsync).ExcludeFromDescription();
        endpoints.MapGet(Prefix + "/photo/{photoId:guid}/exif.json", ExifAsync).ExcludeFromDescription();
        return endpoints;
    }

    public static string ImageUrl(string slug, Guid photoId, string fileName) => $"/photos/album/{slug}/media/{photoId:D}/{fileName}";

    public static string PhotoPageUrl(string slug, Guid photoId) => AlbumAddress.Photo(slug, photoId);

    private static async Task<IResult> ServeImageAsync(string slug, Guid photoId, string file, HttpContext context,
        AlbumGallery gallery, AlbumAccess access, IObjectStorage storage, CancellationToken cancellationToken)
    {
        if (file == "original" || await VisibleAlbumAsync(slug, context, gallery, access, cancellationToken) is not { } album
            || await gallery.FindFileAsync(album.Id, photoId, file, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }

        return await StreamAsync(context, storage, found.Key, null, album.IsPrivate, isImage: true, cancellationToken);
    }

    private static async Task<IResult> DownloadPhotoAsync(string slug, Guid photoId, HttpContext context,
        AlbumGallery gallery, AlbumAccess access, IObjectStorage storage, CancellationToken cancellationToken)
    {
        if (await VisibleAlbumAsync(slug, context, gallery, access, cancellationToken) is not { AllowDownloads: true } album
            || await gallery.FindFileAsync(album.Id, photoId, "original", cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }

        return await StreamAsync(context, storage, found.Key, found.DownloadName, album.IsPrivate, isImage: false, cancellationToken);
    }

    private static async Task<IResult> DownloadZipAsync(string slug, HttpContext context,
        AlbumGallery gallery, AlbumAccess access, IObjectStorage storage, CancellationToken cancellationToken)
    {
        if (await VisibleAlbumAsync(slug, context, gallery, access, cancellationToken) is not { AllowDownloads: true } album
            || await gallery.ZipAsync(album.Id, cancellationToken) is not { } zip)
        {
            return Results.NotFound();
        }

        return await StreamAsync(context, storage, zip.Key, $"{album.Slug}.zip", album.IsPrivate, isImage: false, cancellationToken);
    }

    private static async Task<IResult> ExifAsync(string slug, Guid photoId, HttpContext context,
        AlbumGallery gallery, AlbumAccess access, CancellationToken cancellationToken)
    {
        if (await VisibleAlbumAsync(slug, context, gallery, access, cancellationToken) is not { } album
            || album.Photos.FirstOrDefault(p => p.Id == photoId) is not { } photo)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = album.IsPrivate ? "private, no-store" : "public, max-age=3600";
        var exif = photo.Exif;
        return Results.Json(new
        {
            camera = exif.Camera,
            lens = exif.Lens,
            focalLength = exif.FocalLength,
            aperture = exif.Aperture,
            shutter = exif.Shutter,
            iso = exif.Iso,
            takenAt = exif.TakenAt?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The album when it exists and this request may see it; null (a 404 to the caller) otherwise.</summary>
    internal static async Task<GalleryAlbum?> VisibleAlbumAsync(string slug, HttpContext context, AlbumGallery gallery, AlbumAccess access, CancellationToken cancellationToken)
    {
        var album = await gallery.FindAsync(slug, cancellationToken);
        return album is not null && await access.CanViewAsync(context, album.Id, album.IsPrivate, cancellationToken) ? album : null;
    }

    private static async Task<IResult> StreamAsync(HttpContext context, IObjectStorage storage, string key, string? downloadName,
        bool isPrivate, bool isImage, CancellationToken cancellationToken)
    {
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        opening.CancelAfter(OpenTimeout);
        ObjectReadResult? read;
        try
        {
            read = await storage.GetAsync(key, opening.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }

        if (read is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = isPrivate ? "private, no-store"
            : isImage ? "public, max-age=86400" : "public, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.ContentLength = read.Info.Length;
        if (downloadName is not null)
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(downloadName);
            context.Response.Headers.ContentDisposition = disposition.ToString();
        }

        return Results.Stream(new ReadTimeoutStream(read, ReadTimeout), read.Info.ContentType);
    }
}
