namespace Site.Domain.Photos;

/// <summary>When a photo was taken: the camera's local clock time, with its UTC offset when the file records one.</summary>
public readonly record struct PhotoTakenAt(DateTime LocalTime, TimeSpan? Offset)
{
    /// <summary>ISO 8601, with the offset when known ("2024-05-01T14:30:00+02:00") and without it otherwise.</summary>
    public override string ToString() => Offset is { } offset
        ? new DateTimeOffset(LocalTime, offset).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture)
        : LocalTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where a photo was taken, in signed decimal degrees (south and west negative) and metres (below sea level negative).</summary>
public readonly record struct GpsPosition(double Latitude, double Longitude, double? Altitude);

/// <summary>What the site shows about how a photo was taken, formatted once from its <see cref="ExifFacts"/>.</summary>
public sealed record PhotoDescription(
    string? CameraMake,
    string? CameraModel,
    string? Lens,
    string? FocalLength,
    string? Aperture,
    string? Shutter,
    int? Iso,
    PhotoTakenAt? TakenAt,
    GpsPosition? Gps)
{
    public static readonly PhotoDescription Empty = new(null, null, null, null, null, null, null, null, null);
}
