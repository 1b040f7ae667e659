using Site.Domain.Photos;

namespace Site.Data.Photos;

/// <summary>
/// An uploaded photo. Its id names every file stored for it (<see cref="PhotoStorageKeys"/>); the original is kept byte
/// for byte. Dimensions, hashes, focal point and EXIF are filled in by processing.
/// </summary>
public sealed class Photo
{
    public required Guid Id { get; init; }

    /// <summary>The uploader's file name, made safe by <see cref="PhotoFileName.Sanitize"/>.</summary>
    public required string OriginalFileName { get; init; }

    /// <summary>Storage key of the original file.</summary>
    public required string OriginalKey { get; init; }

    /// <summary>The original's format, recognised from its bytes.</summary>
    public required PhotoFormat Format { get; init; }

    /// <summary>Size of the original, in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>SHA-256 of the original, 64 lowercase hex digits; unique, so an exact duplicate cannot be stored twice.</summary>
    public required string Sha256 { get; init; }

    public required DateTimeOffset UploadedAt { get; init; }

    public PhotoStatus Status { get; set; } = PhotoStatus.Pending;

    /// <summary>Why processing failed, as a sentence for the admin; null unless <see cref="Status"/> is Failed.</summary>
    public string? FailureReason { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>Width of the upright photo (EXIF orientation applied), in pixels.</summary>
    public int? Width { get; set; }

    public int? Height { get; set; }

    /// <summary>True for an animated GIF or WebP: variants show its first frame, the original keeps the animation.</summary>
    public bool Animated { get; set; }

    /// <summary>The 64-bit <see cref="Domain.Photos.PerceptualHash"/>.</summary>
    public long? PerceptualHash { get; private set; }

    /// <summary>The hash's four 16-bit bands, each indexed, so near duplicates are found without reading every row.</summary>
    public int? HashBand0 { get; private set; }

    public int? HashBand1 { get; private set; }

    public int? HashBand2 { get; private set; }

    public int? HashBand3 { get; private set; }

    /// <summary>Focal point, 0–1 across the upright photo; the centre until processing or the admin says otherwise.</summary>
    public double FocalPointX { get; private set; } = FocalPoint.Centre.X;

    public double FocalPointY { get; private set; } = FocalPoint.Centre.Y;

    /// <summary>True when the admin chose the focal point; processing then keeps it instead of estimating one.</summary>
    public bool FocalPointManual { get; private set; }

    /// <summary>Every metadata tag the file carries, as JSON (directory → tag → value).</summary>
    public string? Exif { get; set; }

    public string? CameraMake { get; set; }

    public string? CameraModel { get; set; }

    public string? Lens { get; set; }

    /// <summary>"50mm", "50.5mm".</summary>
    public string? FocalLength { get; set; }

    /// <summary>"f/2.8".</summary>
    public string? Aperture { get; set; }

    /// <summary>"1/250", "2s".</summary>
    public string? Shutter { get; set; }

    public int? Iso { get; set; }

    /// <summary>The camera's local time when the photo was taken.</summary>
    public DateTime? TakenAt { get; set; }

    /// <summary>The camera clock's UTC offset, when the file records it.</summary>
    public int? TakenAtOffsetMinutes { get; set; }

    public double? GpsLatitude { get; set; }

    public double? GpsLongitude { get; set; }

    public double? GpsAltitude { get; set; }

    public List<PhotoVariant> Variants { get; init; } = [];

    public FocalPoint FocalPoint => new(FocalPointX, FocalPointY);

    public PhotoTakenAt? Taken => TakenAt is { } local
        ? new PhotoTakenAt(local, TakenAtOffsetMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null)
        : null;

    /// <summary>Sets the hash and its bands together, so they can never disagree.</summary>
    public void SetPerceptualHash(long hash)
    {
        var bands = Domain.Photos.PerceptualHash.Bands(hash);
        PerceptualHash = hash;
        HashBand0 = bands[0];
        HashBand1 = bands[1];
        HashBand2 = bands[2];
        HashBand3 = bands[3];
    }

    /// <summary>The focal point estimated by processing; ignored when the admin has chosen one.</summary>
    public void SetEstimatedFocalPoint(FocalPoint point)
    {
        if (!FocalPointManual)
        {
            (FocalPointX, FocalPointY) = (point.X, point.Y);
        }
    }

    /// <summary>The admin's choice of focal point; it wins over every later estimate. Reprocess to recut the thumbnail.</summary>
    public void SetManualFocalPoint(FocalPoint point)
    {
        (FocalPointX, FocalPointY) = (point.X, point.Y);
        FocalPointManual = true;
    }

    /// <summary>Copies the formatted EXIF description into the columns the admin filters and shows.</summary>
    public void Describe(PhotoDescription description)
    {
        CameraMake = description.CameraMake;
        CameraModel = description.CameraModel;
        Lens = description.Lens;
        FocalLength = description.FocalLength;
        Aperture = description.Aperture;
        Shutter = description.Shutter;
        Iso = description.Iso;
        TakenAt = description.TakenAt?.LocalTime;
        TakenAtOffsetMinutes = description.TakenAt?.Offset is { } offset ? (int)offset.TotalMinutes : null;
        GpsLatitude = description.Gps?.Latitude;
        GpsLongitude = description.Gps?.Longitude;
        GpsAltitude = description.Gps?.Altitude;
    }
}

/// <summary>One stored rendition of a photo: a thumbnail, a display size or the saliency map.</summary>
public sealed class PhotoVariant
{
    /// <summary>Storage key; unique because it starts with the photo's id and names kind, size and format.</summary>
    public required string StorageKey { get; init; }

    public Guid PhotoId { get; init; }

    public required PhotoVariantKind Kind { get; init; }

    public required PhotoFormat Format { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required long SizeBytes { get; init; }
}

/// <summary>
/// Two photos whose perceptual hashes are within <see cref="Domain.Photos.PerceptualHash.NearDuplicateMaxDistance"/>
/// bits, recorded in both directions when a photo is processed, so "has near duplicates" and "how many" are key
/// lookups rather than a hash search per photo.
/// </summary>
public sealed class PhotoSimilarity
{
    public required Guid PhotoId { get; init; }

    public required Guid SimilarPhotoId { get; init; }

    /// <summary>How many of the 64 hash bits differ.</summary>
    public required int Distance { get; init; }
}
