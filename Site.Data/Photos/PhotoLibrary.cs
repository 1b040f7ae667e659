using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Photos;

namespace Site.Data.Photos;

/// <summary>What the admin's photo list shows: by status, camera ("Make Model") and album; null means any.</summary>
public sealed record PhotoListFilter(PhotoStatus? Status = null, string? Camera = null, Guid? AlbumId = null);

/// <summary>One row of the admin's photo list.</summary>
public sealed record PhotoListItem(
    Guid Id,
    string FileName,
    PhotoStatus Status,
    string? FailureReason,
    long SizeBytes,
    int? Width,
    int? Height,
    string? Camera,
    DateTimeOffset UploadedAt,
    string? ThumbnailKey,
    int SimilarCount);

/// <summary>The admin's view of the photos: listing with filters, and reprocessing.</summary>
public sealed class PhotoLibrary(IDbContextFactory<SiteDbContext> databases)
{
    /// <summary>The list shows the newest this many; filters narrow it down.</summary>
    public const int PageSize = 100;

    public async Task<IReadOnlyList<PhotoListItem>> ListAsync(PhotoListFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var photos = db.Photos.AsNoTracking();
        if (filter.Status is { } status)
        {
            photos = photos.Where(p => p.Status == status);
        }

        if (filter.AlbumId is { } albumId)
        {
            photos = photos.Where(p => db.AlbumPhotos.Any(a => a.AlbumId == albumId && a.PhotoId == p.Id));
        }

        if (!string.IsNullOrWhiteSpace(filter.Camera))
        {
            photos = photos.Where(p => ((p.CameraMake ?? "") + " " + (p.CameraModel ?? "")).Trim() == filter.Camera);
        }

        var rows = await photos
            .OrderByDescending(p => p.UploadedAt)
            .Take(PageSize)
            .Select(p => new
            {
                p.Id, p.OriginalFileName, p.Status, p.FailureReason, p.SizeBytes, p.Width, p.Height, p.CameraMake, p.CameraModel,
                p.UploadedAt, p.PerceptualHash,
                Thumbnail = p.Variants.Where(v => v.Kind == PhotoVariantKind.Thumbnail && v.Format == PhotoFormat.Jpeg).Select(v => v.StorageKey).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var items = new List<PhotoListItem>(rows.Count);
        foreach (var row in rows)
        {
            // One indexed lookup per listed photo (the hash bands), never a scan of every photo.
            var similar = row.PerceptualHash is { } hash
                ? (await SimilarPhotos.FindByHashAsync(db, hash, PerceptualHash.NearDuplicateMaxDistance, row.Id, cancellationToken)).Count
                : 0;
            items.Add(new PhotoListItem(row.Id, row.OriginalFileName, row.Status, row.FailureReason, row.SizeBytes, row.Width, row.Height,
                CameraName(row.CameraMake, row.CameraModel), row.UploadedAt, row.Thumbnail, similar));
        }

        return items;
    }

    /// <summary>The cameras photos were taken with, for the list's filter.</summary>
    public async Task<IReadOnlyList<string>> CamerasAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var pairs = await db.Photos.AsNoTracking()
            .Where(p => p.CameraMake != null || p.CameraModel != null)
            .Select(p => new { p.CameraMake, p.CameraModel })
            .Distinct()
            .ToListAsync(cancellationToken);
        return pairs.Select(p => CameraName(p.CameraMake, p.CameraModel)!).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>One photo with its variants, for the photo page; null when there is no such photo.</summary>
    public async Task<Photo?> FindAsync(Guid photoId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Photos.AsNoTracking().Include(p => p.Variants).SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
    }

    /// <summary>
    /// Records the admin's focal point and queues the photo for processing, in one transaction, so the thumbnail is
    /// recut around it. False when there is no such photo.
    /// </summary>
    public async Task<bool> SetFocalPointAsync(Guid photoId, FocalPoint point, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var photo = await db.Photos.SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
        if (photo is null)
        {
            return false;
        }

        photo.SetManualFocalPoint(point);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await EnqueueProcessingAsync(db, photoId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Queues the photos for processing again, in one transaction; returns how many exist to be queued.</summary>
    public async Task<int> ReprocessAsync(IReadOnlyCollection<Guid> photoIds, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var existing = await db.Photos.Where(p => photoIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var id in existing)
        {
            await EnqueueProcessingAsync(db, id, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return existing.Count;
    }

    // Debounced: a photo already waiting is queued once, but one being processed right now (perhaps with the old
    // focal point) gets a fresh run after it.
    private static Task<EnqueuedJob> EnqueueProcessingAsync(SiteDbContext db, Guid photoId, CancellationToken cancellationToken) =>
        JobQueue.EnqueueAsync(db, new ProcessPhoto(photoId), new JobEnqueueOptions { DebounceKey = photoId.ToString("D") }, cancellationToken);

    private static string? CameraName(string? make, string? model) =>
        make is null && model is null ? null : $"{make} {model}".Trim();
}
