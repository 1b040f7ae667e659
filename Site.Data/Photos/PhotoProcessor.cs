using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Site.Data.Persistence;
using Site.Data.Storage;
using Site.Domain.Photos;

namespace Site.Data.Photos;

/// <summary>How processing a photo ended.</summary>
public enum PhotoProcessingOutcome
{
    Complete,

    /// <summary>The file itself is unusable; its files were removed and the photo is marked failed with the reason. Do not retry.</summary>
    Rejected,

    /// <summary>No photo has that id (deleted since it was queued).</summary>
    NotFound,
}

/// <summary>
/// Processes one stored photo (the jobs host calls it for each queued photo, and again to reprocess): reads the
/// original, renders every variant from one decode, stores them, and records dimensions, hash, focal point and EXIF.
/// A file that cannot be used ends as <see cref="PhotoStatus.Failed"/> with the reason and nothing left in storage;
/// any other failure (storage or database unreachable) marks the photo failed with the reason and is thrown, so the
/// job retries it. The stored original is never changed. At most
/// <see cref="PhotoOptions.MaxConcurrentProcessing"/> photos are read, decoded and rendered at once in this process;
/// the rest wait their turn, so memory stays bounded however many jobs arrive together.
/// </summary>
public sealed class PhotoProcessor : IDisposable
{
    private readonly IDbContextFactory<SiteDbContext> _databases;
    private readonly IObjectStorage _storage;
    private readonly PhotoRenderer _renderer;
    private readonly TimeProvider _clock;
    private readonly ILogger<PhotoProcessor> _logger;
    private readonly SemaphoreSlim _slots;

    /// <summary>Serialises the recording of near-duplicate pairs across every jobs host.</summary>
    private const long SimilarityLockKey = 0x5_17E_9A_07;

    internal PhotoProcessor(IDbContextFactory<SiteDbContext> databases, IObjectStorage storage, PhotoRenderer renderer, PhotoOptions options, TimeProvider clock, ILogger<PhotoProcessor> logger)
    {
        _slots = new SemaphoreSlim(options.MaxConcurrentProcessing, options.MaxConcurrentProcessing);
        _databases = databases;
        _storage = storage;
        _renderer = renderer;
        _clock = clock;
        _logger = logger;
    }

    public async Task<PhotoProcessingOutcome> ProcessAsync(Guid photoId, CancellationToken cancellationToken = default)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        var photo = await db.Photos.SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
        if (photo is null)
        {
            return PhotoProcessingOutcome.NotFound;
        }

        photo.Status = PhotoStatus.Processing;
        photo.FailureReason = null;
        await db.SaveChangesAsync(cancellationToken);

        var stored = new List<string>();
        var temp = Path.Combine(Path.GetTempPath(), $"site-photo-{photoId:N}-{Guid.NewGuid():N}");
        try
        {
            var (metadata, rendered) = await ReadAndRenderAsync(photo, temp, cancellationToken);
            var variants = await StoreAsync(photo.Id, rendered.Variants, stored, cancellationToken);
            await RecordAsync(db, photo, rendered, metadata, variants, cancellationToken);
            _logger.LogInformation("Processed photo {PhotoId}: {Width}×{Height}, {Variants} variants", photo.Id, rendered.Size.Width, rendered.Size.Height, variants.Count);
            return PhotoProcessingOutcome.Complete;
        }
        catch (PhotoContentException ex)
        {
            _logger.LogWarning(ex, "Photo {PhotoId} ({FileName}) was rejected: {Reason}", photo.Id, photo.OriginalFileName, ex.Message);
            await RemoveFilesAsync(photo.Id);
            await db.PhotoVariants.Where(v => v.PhotoId == photo.Id).ExecuteDeleteAsync(CancellationToken.None);
            await ForgetSimilaritiesAsync(db, photo.Id, CancellationToken.None);
            await MarkFailedAsync(db, photo, $"{ex.Message} The file was removed; upload a good copy of the photo again.");
            return PhotoProcessingOutcome.Rejected;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Processing photo {PhotoId} failed; it will be retried", photo.Id);
            await DeleteQuietlyAsync(stored);
            await MarkFailedAsync(db, photo, ex is OperationCanceledException
                ? "Processing was stopped before it finished; it will be retried."
                : $"Processing failed ({ex.Message}); it will be retried.");
            throw;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<(PhotoMetadata Metadata, RenderedPhoto Rendered)> ReadAndRenderAsync(Photo photo, string temp, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await DownloadAsync(photo, temp, cancellationToken);
            var metadata = PhotoMetadataReader.Read(temp, photo.Format);
            var chosen = photo.FocalPointManual ? photo.FocalPoint : (FocalPoint?)null;
            return (metadata, await _renderer.RenderAsync(temp, photo.Format, metadata.DeclaredSize, chosen, cancellationToken));
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task DownloadAsync(Photo photo, string path, CancellationToken cancellationToken)
    {
        await using var original = await _storage.GetAsync(photo.OriginalKey, cancellationToken)
            ?? throw new PhotoContentException("The original file is missing from storage.");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await original.Content.CopyToAsync(file, cancellationToken);
    }

    private async Task<List<PhotoVariant>> StoreAsync(Guid photoId, IReadOnlyList<RenderedVariant> rendered, List<string> stored, CancellationToken cancellationToken)
    {
        var variants = new List<PhotoVariant>();
        foreach (var variant in rendered)
        {
            var key = PhotoStorageKeys.Variant(photoId, variant.Kind, variant.Size, variant.Format);
            using var content = new MemoryStream(variant.Bytes, writable: false);
            await _storage.PutAsync(key, content, PhotoFormatSniffer.ContentType(variant.Format), ObjectVisibility.Private, cancellationToken);
            stored.Add(key);
            variants.Add(new PhotoVariant
            {
                StorageKey = key,
                PhotoId = photoId,
                Kind = variant.Kind,
                Format = variant.Format,
                Width = variant.Size.Width,
                Height = variant.Size.Height,
                SizeBytes = variant.Bytes.Length,
            });
        }

        return variants;
    }

    private async Task RecordAsync(SiteDbContext db, Photo photo, RenderedPhoto rendered, PhotoMetadata metadata, List<PhotoVariant> variants, CancellationToken cancellationToken)
    {
        var previous = await db.PhotoVariants.AsNoTracking().Where(v => v.PhotoId == photo.Id).Select(v => v.StorageKey).ToListAsync(cancellationToken);
        photo.Width = rendered.Size.Width;
        photo.Height = rendered.Size.Height;
        photo.Animated = rendered.Animated;
        photo.SetPerceptualHash(rendered.PerceptualHash);
        photo.SetEstimatedFocalPoint(rendered.EstimatedFocalPoint);
        photo.Exif = metadata.Json;
        photo.Describe(PhotoExifFormat.Describe(metadata.Facts));
        photo.Status = PhotoStatus.Complete;
        photo.ProcessedAt = _clock.GetUtcNow();

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Photos record their near duplicates one at a time: two processed together would each miss the other's
            // hash, not yet committed. The lock is held only for these few statements.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SimilarityLockKey})", cancellationToken);
            await db.PhotoVariants.Where(v => v.PhotoId == photo.Id).ExecuteDeleteAsync(cancellationToken);
            db.PhotoVariants.AddRange(variants);
            await db.SaveChangesAsync(cancellationToken);
            await RecordSimilaritiesAsync(db, photo.Id, rendered.PerceptualHash, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Variants of an earlier run that this run did not write again (a size or format no longer made).
        await DeleteQuietlyAsync(previous.Except(variants.Select(v => v.StorageKey)));
    }

    /// <summary>Replaces the photo's near-duplicate pairs, both directions, with those of its new hash.</summary>
    private static async Task RecordSimilaritiesAsync(SiteDbContext db, Guid photoId, long hash, CancellationToken cancellationToken)
    {
        await ForgetSimilaritiesAsync(db, photoId, cancellationToken);
        var similar = await SimilarPhotos.FindByHashAsync(db, hash, PerceptualHash.NearDuplicateMaxDistance, photoId, cancellationToken);
        foreach (var match in similar)
        {
            db.PhotoSimilarities.Add(new PhotoSimilarity { PhotoId = photoId, SimilarPhotoId = match.PhotoId, Distance = match.Distance });
            db.PhotoSimilarities.Add(new PhotoSimilarity { PhotoId = match.PhotoId, SimilarPhotoId = photoId, Distance = match.Distance });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static Task<int> ForgetSimilaritiesAsync(SiteDbContext db, Guid photoId, CancellationToken cancellationToken) =>
        db.PhotoSimilarities.Where(s => s.PhotoId == photoId || s.SimilarPhotoId == photoId).ExecuteDeleteAsync(cancellationToken);

    private async Task MarkFailedAsync(SiteDbContext db, Photo photo, string reason)
    {
        try
        {
            photo.Status = PhotoStatus.Failed;
            photo.FailureReason = reason;
            photo.ProcessedAt = _clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Could not record the failure of photo {PhotoId}", photo.Id);
        }
    }

    private async Task RemoveFilesAsync(Guid photoId)
    {
        var keys = new List<string>();
        await foreach (var entry in _storage.ListAsync(PhotoStorageKeys.Prefix(photoId), CancellationToken.None))
        {
            keys.Add(entry.Key);
        }

        await DeleteQuietlyAsync(keys);
    }

    private async Task DeleteQuietlyAsync(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await _storage.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not delete {Key}", key);
            }
        }
    }
}
