using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Photos;

namespace Site.Data.Photos;

/// <summary>
/// What the admin's photo list shows: by status, camera ("Make Model"), album, a range of upload or taken days, and
/// only photos with near duplicates; null (or false) means any.
/// </summary>
public sealed record PhotoListFilter(
    PhotoStatus? Status = null, string? Camera = null, PhotoDateRange? Dates = null, bool DuplicatesOnly = false, Guid? AlbumId = null)
{
    public static PhotoListFilter From(PhotoListQuery query) => new(query.Status, query.Camera, query.Dates, query.DuplicatesOnly, query.Album);
}

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
    DateTime? TakenAt,
    string? ThumbnailKey,
    int SimilarCount);

/// <summary>One page of the admin's photo list, with where it is among all the photos that match.</summary>
public sealed record PhotoListPage(IReadOnlyList<PhotoListItem> Photos, PhotoListPaging Paging);

/// <summary>The admin's view of the photos: listing with filters, and reprocessing.</summary>
public sealed class PhotoLibrary(IDbContextFactory<SiteDbContext> databases)
{
    /// <summary>
    /// The page of photos matching the filter, newest upload first. A page past the end shows the last page and one
    /// below 1 the first (<see cref="PhotoListPaging.For"/>). Every filter is served by an index: status, upload and
    /// taken dates by their b-trees, near duplicates by the key of the recorded pairs.
    /// </summary>
    public async Task<PhotoListPage> ListAsync(PhotoListFilter filter, int page = 1, int pageSize = PhotoListQuery.PageSize, CancellationToken cancellationToken = default)
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

        if (filter.Dates is { } dates)
        {
            photos = WithinDates(photos, dates);
        }

        if (filter.DuplicatesOnly)
        {
            photos = photos.Where(p => db.PhotoSimilarities.Any(s => s.PhotoId == p.Id));
        }

        var total = await photos.CountAsync(cancellationToken);
        var paging = PhotoListPaging.For(page, total, pageSize);
        var items = await photos
            .OrderByDescending(p => p.UploadedAt).ThenBy(p => p.Id)
            .Skip(paging.Skip)
            .Take(paging.PageSize)
            .Select(p => new
            {
                p.Id, p.OriginalFileName, p.Status, p.FailureReason, p.SizeBytes, p.Width, p.Height, p.CameraMake, p.CameraModel,
                p.UploadedAt, p.TakenAt,
                Thumbnail = p.Variants.Where(v => v.Kind == PhotoVariantKind.Thumbnail && v.Format == PhotoFormat.Jpeg).Select(v => v.StorageKey).FirstOrDefault(),
                Similar = db.PhotoSimilarities.Count(s => s.PhotoId == p.Id),
            })
            .ToListAsync(cancellationToken);

        return new PhotoListPage(
            items.Select(row => new PhotoListItem(row.Id, row.OriginalFileName, row.Status, row.FailureReason, row.SizeBytes, row.Width, row.Height,
                CameraName(row.CameraMake, row.CameraModel), row.UploadedAt, row.TakenAt, row.Thumbnail, row.Similar)).ToList(),
            paging);
    }

    /// <summary>
    /// Upload days are UTC days; taken days are the camera's own calendar days (its clock has no zone to convert from),
    /// and a photo with no date taken is outside every range of taken days.
    /// </summary>
    private static IQueryable<Photo> WithinDates(IQueryable<Photo> photos, PhotoDateRange dates)
    {
        var start = dates.StartInclusive;
        var end = dates.EndExclusive;
        if (dates.Field == PhotoDateField.Taken)
        {
            photos = photos.Where(p => p.TakenAt != null);
            if (start is { } from)
            {
                photos = photos.Where(p => p.TakenAt >= from);
            }

            if (end is { } to)
            {
                photos = photos.Where(p => p.TakenAt < to);
            }

            return photos;
        }

        if (start is { } uploadedFrom)
        {
            var instant = new DateTimeOffset(uploadedFrom, TimeSpan.Zero);
            photos = photos.Where(p => p.UploadedAt >= instant);
        }

        if (end is { } uploadedTo)
        {
            var instant = new DateTimeOffset(uploadedTo, TimeSpan.Zero);
            photos = photos.Where(p => p.UploadedAt < instant);
        }

        return photos;
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
