using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Persistence;
using Site.Data.Storage;
using Site.Domain.Photos;

namespace Site.Data.Photos;

/// <summary>How an upload ended.</summary>
public enum PhotoIntakeOutcome
{
    /// <summary>Stored; the new photo was added to the caller's context, pending processing.</summary>
    Accepted,

    /// <summary>The same bytes were uploaded before; nothing was kept.</summary>
    Duplicate,

    /// <summary>Not acceptable (empty, not an image, too large); nothing was kept.</summary>
    Refused,
}

/// <summary>The result of <see cref="PhotoIntake.AcceptAsync"/>: the new photo, or why not, in a sentence for the uploader.</summary>
public sealed record PhotoIntakeResult(PhotoIntakeOutcome Outcome, Photo? Photo, string? Message, Guid? EarlierPhotoId = null)
{
    public static PhotoIntakeResult Refused(string message) => new(PhotoIntakeOutcome.Refused, null, message);
}

/// <summary>
/// Takes an upload into the site: recognises the format from the first bytes, streams the file to media storage
/// while hashing it (never holding it whole in memory), refuses files over the limit and exact duplicates, and adds
/// a pending <see cref="Photo"/> to the caller's context. The caller saves that context, together with the job that
/// will process the photo, in one transaction; if that save fails it calls <see cref="AbandonAsync"/>.
/// A refused upload leaves nothing in storage.
/// </summary>
public sealed class PhotoIntake(IObjectStorage storage, IOptions<PhotoOptions> options, TimeProvider clock, ILogger<PhotoIntake> logger)
{
    public const string EmptyMessage = "This file is empty. Choose the photo again; the upload may have been interrupted.";

    public async Task<PhotoIntakeResult> AcceptAsync(Stream content, string? originalFileName, SiteDbContext db, CancellationToken cancellationToken = default)
    {
        var maxBytes = options.Value.MaxUploadBytes;
        var header = new byte[PhotoFormatSniffer.HeaderLength];
        var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (headerLength == 0)
        {
            return PhotoIntakeResult.Refused(EmptyMessage);
        }

        if (PhotoFormatSniffer.Detect(header.AsSpan(0, headerLength)) is not { } format)
        {
            return PhotoIntakeResult.Refused(PhotoFormatSniffer.UnsupportedMessage);
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var key = PhotoStorageKeys.Original(id, format);
        using var upload = new UploadReadStream(header.AsMemory(0, headerLength), content, maxBytes);
        StoredObjectInfo stored;
        try
        {
            stored = await storage.PutAsync(key, upload, PhotoFormatSniffer.ContentType(format), ObjectVisibility.Private, cancellationToken);
        }
        catch (UploadTooLargeException)
        {
            // The store's put is all-or-nothing, so the partial file is already gone.
            return PhotoIntakeResult.Refused(PhotoUploadLimit.TooLargeMessage(maxBytes));
        }

        var sha256 = upload.Sha256Hex();
        var earlier = await db.Photos.AsNoTracking()
            .Where(p => p.Sha256 == sha256)
            .Select(p => new { p.Id, p.OriginalFileName, p.UploadedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is not null)
        {
            await storage.DeleteAsync(key, CancellationToken.None);
            return new PhotoIntakeResult(
                PhotoIntakeOutcome.Duplicate,
                null,
                string.Create(CultureInfo.InvariantCulture,
                    $"This photo is already on the site: \"{earlier.OriginalFileName}\", uploaded {earlier.UploadedAt.UtcDateTime:d MMMM yyyy 'at' HH:mm} UTC."),
                earlier.Id);
        }

        var photo = new Photo
        {
            Id = id,
            OriginalFileName = PhotoFileName.Sanitize(originalFileName),
            OriginalKey = key,
            Format = format,
            SizeBytes = stored.Length,
            Sha256 = sha256,
            UploadedAt = clock.GetUtcNow(),
        };
        db.Photos.Add(photo);
        logger.LogInformation("Accepted photo {PhotoId} ({FileName}, {Format}, {Bytes} bytes)", id, photo.OriginalFileName, format, stored.Length);
        return new PhotoIntakeResult(PhotoIntakeOutcome.Accepted, photo, null);
    }

    /// <summary>
    /// Undoes an accepted upload whose row could not be saved (for example the same file, uploaded twice at the same
    /// moment, lost the race on the unique hash): removes the stored original and detaches the row.
    /// </summary>
    public async Task AbandonAsync(Photo photo, SiteDbContext db)
    {
        db.Entry(photo).State = EntityState.Detached;
        await storage.DeleteAsync(photo.OriginalKey, CancellationToken.None);
    }
}
