using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Domain.Albums;
using Site.Domain.Photos;

namespace Site.Data.Albums;

/// <summary>One stored image of a photo as pages use it.</summary>
public sealed record GalleryImage(string FileName, PhotoFormat Format, int Width, int Height);

/// <summary>A photo of an album as its page shows it: thumbnail, display sizes, facts for the EXIF panel.</summary>
public sealed record GalleryPhoto(
    Guid Id,
    string FileName,
    long SizeBytes,
    int Width,
    int Height,
    bool Featured,
    GalleryImage? Thumbnail,
    GalleryImage? ThumbnailFallback,
    IReadOnlyList<GalleryImage> Displays,
    IReadOnlyList<GalleryImage> DisplayFallbacks,
    PhotoExifFacts Exif);

/// <summary>The EXIF panel's facts, formatted; never the position (GPS).</summary>
public sealed record PhotoExifFacts(string? Camera, string? Lens, string? FocalLength, string? Aperture, string? Shutter, int? Iso, DateTime? TakenAt);

/// <summary>An album as its page shows it; <see cref="Photos"/> holds only processed photos, in album order.</summary>
public sealed record GalleryAlbum(
    Guid Id,
    string Title,
    string Slug,
    string? Description,
    bool IsPrivate,
    bool AllowDownloads,
    bool ZipReady,
    long? ZipSizeBytes,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<GalleryPhoto> Photos)
{
    /// <summary>The album's social image: the first featured photo, else the first.</summary>
    public GalleryPhoto? SocialPhoto => AlbumOrdering.SocialImage(Photos, p => p.Featured);
}

/// <summary>A public album in lists (home page, <c>/photos/</c>).</summary>
public sealed record AlbumCard(Guid Id, string Title, string Slug, string? Description, int PhotoCount, Guid? CoverPhotoId, GalleryImage? Cover, GalleryImage? CoverFallback, DateTimeOffset UpdatedAt);

/// <summary>What a share link said when presented.</summary>
public enum ShareLinkVerdict
{
    /// <summary>Unknown, expired, revoked or for another album: the reader sees "not found", like a missing album.</summary>
    NotFound,

    /// <summary>The link is valid and has a password; ask for it.</summary>
    NeedsPassword,

    WrongPassword,

    /// <summary>The link opens the album; the use was counted.</summary>
    Granted,
}

/// <summary>The answer to a share link: the verdict and, when granted, the link (for the session cookie).</summary>
public sealed record ShareLinkCheck(ShareLinkVerdict Verdict, Guid? LinkId = null, DateTimeOffset? ExpiresAt = null);

/// <summary>Albums for readers: lists, pages and the share-link checks that guard private ones.</summary>
public sealed class AlbumGallery(IDbContextFactory<SiteDbContext> databases, TimeProvider clock)
{
    /// <summary>Public albums with at least one processed photo, most recently changed first.</summary>
    public async Task<IReadOnlyList<AlbumCard>> PublicAlbumsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var albums = await db.Albums.AsNoTracking()
            .Where(a => !a.IsPrivate)
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new
            {
                a.Id, a.Title, a.Slug, a.Description, a.UpdatedAt, a.CoverPhotoId,
                Photos = a.Photos.Where(p => p.Photo!.Status == PhotoStatus.Complete)
                    .Select(p => new { p.PhotoId, p.DisplayOrder, p.Photo!.TakenAt, p.Photo.UploadedAt }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var cards = new List<AlbumCard>();
        foreach (var album in albums.Where(a => a.Photos.Count > 0))
        {
            var ordered = AlbumOrdering.Order(album.Photos, p => p.DisplayOrder, p => p.TakenAt, p => p.UploadedAt);
            var cover = album.CoverPhotoId is { } chosen && ordered.Any(p => p.PhotoId == chosen) ? chosen : ordered[0].PhotoId;
            var thumbnails = await db.PhotoVariants.AsNoTracking()
                .Where(v => v.PhotoId == cover && v.Kind == PhotoVariantKind.Thumbnail).ToListAsync(cancellationToken);
            cards.Add(new AlbumCard(album.Id, album.Title, album.Slug, album.Description, ordered.Count, cover,
                Image(thumbnails.FirstOrDefault(v => v.Format == PhotoFormat.WebP)), Image(thumbnails.FirstOrDefault(v => v.Format != PhotoFormat.WebP)), album.UpdatedAt));
        }

        return cards;
    }

    /// <summary>Public albums with their processed-photo counts, for the sitemap.</summary>
    public async Task<IReadOnlyList<(string Slug, int PhotoCount, DateTimeOffset UpdatedAt)>> SitemapAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Albums.AsNoTracking().Where(a => !a.IsPrivate)
            .Select(a => new { a.Slug, a.UpdatedAt, Count = a.Photos.Count(p => p.Photo!.Status == PhotoStatus.Complete) })
            .Where(a => a.Count > 0)
            .OrderBy(a => a.Slug)
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Slug, r.Count, r.UpdatedAt)).ToList();
    }

    /// <summary>The album at <paramref name="slug"/>, private or not (the caller checks access); null when there is none.</summary>
    public async Task<GalleryAlbum?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (AlbumSlug.Problem(slug) is not null)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (album is null)
        {
            return null;
        }

        var rows = await db.AlbumPhotos.AsNoTracking()
            .Where(p => p.AlbumId == album.Id && p.Photo!.Status == PhotoStatus.Complete)
            .Select(p => new { p.DisplayOrder, p.Featured, Photo = p.Photo! })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Photo.Id).ToList();
        var variants = (await db.PhotoVariants.AsNoTracking().Where(v => ids.Contains(v.PhotoId)).ToListAsync(cancellationToken))
            .ToLookup(v => v.PhotoId);
        var photos = AlbumOrdering.Order(rows, r => r.DisplayOrder, r => r.Photo.TakenAt, r => r.Photo.UploadedAt)
            .Select(r => ToGalleryPhoto(r.Photo, r.Featured, variants[r.Photo.Id].ToList()))
            .ToList();
        return new GalleryAlbum(album.Id, album.Title, album.Slug, album.Description, album.IsPrivate, album.AllowDownloads,
            album.ZipReady, album.ZipSizeBytes, album.UpdatedAt, photos);
    }

    /// <summary>Storage key of one of the album's files by the name pages use ("original", or a variant's file name); null when it is not the album's.</summary>
    public async Task<(string Key, string DownloadName)?> FindFileAsync(Guid albumId, Guid photoId, string fileName, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var photo = await db.AlbumPhotos.AsNoTracking()
            .Where(p => p.AlbumId == albumId && p.PhotoId == photoId && p.Photo!.Status == PhotoStatus.Complete)
            .Select(p => new { p.Photo!.OriginalKey, p.Photo.OriginalFileName })
            .SingleOrDefaultAsync(cancellationToken);
        if (photo is null)
        {
            return null;
        }

        if (fileName == "original")
        {
            return (photo.OriginalKey, photo.OriginalFileName);
        }

        var key = PhotoStorageKeys.Prefix(photoId) + fileName;
        var variant = await db.PhotoVariants.AsNoTracking()
            .Where(v => v.PhotoId == photoId && v.StorageKey == key && v.Kind != PhotoVariantKind.SaliencyMap)
            .Select(v => v.StorageKey).SingleOrDefaultAsync(cancellationToken);
        return variant is null ? null : (variant, fileName);
    }

    /// <summary>The ZIP's storage key when the album offers one.</summary>
    public async Task<(string Key, long? Size)?> ZipAsync(Guid albumId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        return album is { ZipReady: true } ? (album.ZipKey!, album.ZipSizeBytes) : null;
    }

    /// <summary>
    /// Checks a share link presented for <paramref name="albumId"/>. A link that is unknown, for another album,
    /// expired or revoked is <see cref="ShareLinkVerdict.NotFound"/>, indistinguishable from a missing album. Each
    /// granted use is counted.
    /// </summary>
    public async Task<ShareLinkCheck> CheckLinkAsync(Guid albumId, string? token, string? password, CancellationToken cancellationToken = default)
    {
        if (!ShareToken.IsWellFormed(token))
        {
            return new ShareLinkCheck(ShareLinkVerdict.NotFound);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var hash = ShareToken.Hash(token!);
        var link = await db.AlbumShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash && l.AlbumId == albumId, cancellationToken);
        var now = clock.GetUtcNow();
        if (link is null || link.StateAt(now) != ShareLinkState.Valid)
        {
            return new ShareLinkCheck(ShareLinkVerdict.NotFound);
        }

        if (link.PasswordHash is { } passwordHash)
        {
            if (string.IsNullOrEmpty(password))
            {
                return new ShareLinkCheck(ShareLinkVerdict.NeedsPassword);
            }

            if (AlbumEditor.Passwords.VerifyHashedPassword(link, passwordHash, password) == PasswordVerificationResult.Failed)
            {
                return new ShareLinkCheck(ShareLinkVerdict.WrongPassword);
            }
        }

        await db.AlbumShareLinks.Where(l => l.Id == link.Id).ExecuteUpdateAsync(set => set
            .SetProperty(l => l.AccessCount, l => l.AccessCount + 1)
            .SetProperty(l => l.LastAccessAt, now), cancellationToken);
        return new ShareLinkCheck(ShareLinkVerdict.Granted, link.Id, link.ExpiresAt);
    }

    /// <summary>True while the link behind a share session still opens the album (not revoked, not expired).</summary>
    public async Task<bool> IsSessionValidAsync(Guid albumId, Guid linkId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var link = await db.AlbumShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId && l.AlbumId == albumId, cancellationToken);
        return link is not null && link.StateAt(clock.GetUtcNow()) == ShareLinkState.Valid;
    }

    private static GalleryPhoto ToGalleryPhoto(Photo photo, bool featured, List<PhotoVariant> variants)
    {
        var thumbnails = variants.Where(v => v.Kind == PhotoVariantKind.Thumbnail).ToList();
        var displays = variants.Where(v => v.Kind == PhotoVariantKind.Display).OrderBy(v => v.Width).ToList();
        var camera = photo.CameraMake is null && photo.CameraModel is null ? null : $"{photo.CameraMake} {photo.CameraModel}".Trim();
        return new GalleryPhoto(
            photo.Id, photo.OriginalFileName, photo.SizeBytes, photo.Width ?? 0, photo.Height ?? 0, featured,
            Image(thumbnails.FirstOrDefault(v => v.Format == PhotoFormat.WebP)),
            Image(thumbnails.FirstOrDefault(v => v.Format != PhotoFormat.WebP)),
            displays.Where(v => v.Format == PhotoFormat.WebP).Select(v => Image(v)!).ToList(),
            displays.Where(v => v.Format != PhotoFormat.WebP).Select(v => Image(v)!).ToList(),
            new PhotoExifFacts(camera, photo.Lens, photo.FocalLength, photo.Aperture, photo.Shutter, photo.Iso, photo.TakenAt));
    }

    private static GalleryImage? Image(PhotoVariant? variant) =>
        variant is null ? null : new GalleryImage(variant.StorageKey[(variant.StorageKey.LastIndexOf('/') + 1)..], variant.Format, variant.Width, variant.Height);
}
