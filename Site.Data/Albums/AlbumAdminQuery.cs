using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Domain.Albums;
using Site.Domain.Photos;

namespace Site.Data.Albums;

/// <summary>One row of the admin's album list.</summary>
public sealed record AlbumListItem(
    Guid Id, string Title, string Slug, int PhotoCount, bool IsPrivate, bool AllowDownloads,
    AlbumZipStatus ZipStatus, long? ZipSizeBytes, string? ZipError, int ShareLinkCount, DateTimeOffset UpdatedAt);

/// <summary>A photo in the editor: its place, flag and thumbnail.</summary>
public sealed record AlbumEditorPhoto(Guid PhotoId, string FileName, PhotoStatus Status, string? ThumbnailKey, bool Featured);

/// <summary>Everything the album editor shows of a saved album.</summary>
public sealed record AlbumEditorData(Album Album, IReadOnlyList<AlbumEditorPhoto> Photos, IReadOnlyList<AlbumShareLink> ShareLinks);

/// <summary>Reads for the admin's album screens.</summary>
public sealed class AlbumAdminQuery(IDbContextFactory<SiteDbContext> databases)
{
    public async Task<IReadOnlyList<AlbumListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Albums.AsNoTracking()
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new AlbumListItem(a.Id, a.Title, a.Slug, a.Photos.Count, a.IsPrivate, a.AllowDownloads,
                a.ZipStatus, a.ZipSizeBytes, a.ZipError, a.ShareLinks.Count(l => l.RevokedAt == null), a.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Id and title of every album, for pickers (upload target, photo list filter).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Title)>> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Albums.AsNoTracking().OrderBy(a => a.Title).Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Title)).ToList();
    }

    public async Task<AlbumEditorData?> LoadAsync(Guid albumId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        if (album is null)
        {
            return null;
        }

        var rows = await db.AlbumPhotos.AsNoTracking().Where(p => p.AlbumId == albumId)
            .Select(p => new
            {
                p.PhotoId, p.DisplayOrder, p.Featured, p.Photo!.OriginalFileName, p.Photo.Status, p.Photo.TakenAt, p.Photo.UploadedAt,
                Thumbnail = p.Photo.Variants.Where(v => v.Kind == PhotoVariantKind.Thumbnail && v.Format != PhotoFormat.WebP).Select(v => v.StorageKey).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var photos = AlbumOrdering.Order(rows, r => r.DisplayOrder, r => r.TakenAt, r => r.UploadedAt)
            .Select(r => new AlbumEditorPhoto(r.PhotoId, r.OriginalFileName, r.Status, r.Thumbnail, r.Featured))
            .ToList();
        var links = await db.AlbumShareLinks.AsNoTracking().Where(l => l.AlbumId == albumId)
            .OrderByDescending(l => l.CreatedAt).ToListAsync(cancellationToken);
        return new AlbumEditorData(album, photos, links);
    }
}
