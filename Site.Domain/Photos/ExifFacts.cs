namespace Site.Domain.Photos;

/// <summary>
/// The raw EXIF values the site describes a photo with, as read from the file (numbers as the tags store them).
/// GPS coordinates are degrees, minutes and seconds without sign; the reference letters carry the hemisphere.
/// </summary>
public sealed record ExifFacts
{
    public string? Make { get; init; }

    public string? Model { get; init; }

    public string? LensModel { get; init; }

    /// <summary>FocalLength, in millimetres.</summary>
    public double? FocalLength { get; init; }

    /// <summary>FNumber, the f-number itself.</summary>
    public double? FNumber { get; init; }

    /// <summary>ApertureValue, in APEX units (f = 2^(AV/2)).</summary>
    public double? ApertureValue { get; init; }

    /// <summary>ExposureTime, in seconds.</summary>
    public double? ExposureTime { get; init; }

    /// <summary>ShutterSpeedValue, in APEX units (t = 2^(−TV)).</summary>
    public double? ShutterSpeedValue { get; init; }

    /// <summary>ISOSpeedRatings (PhotographicSensitivity).</summary>
    public int? Iso { get; init; }

    /// <summary>DateTimeOriginal as written, "yyyy:MM:dd HH:mm:ss".</summary>
    public string? DateTimeOriginal { get; init; }

    /// <summary>OffsetTimeOriginal as written, "+02:00".</summary>
    public string? OffsetTimeOriginal { get; init; }

    /// <summary>GPSLatitude as degrees, minutes, seconds.</summary>
    public IReadOnlyList<double>? GpsLatitude { get; init; }

    /// <summary>GPSLatitudeRef: "N" or "S".</summary>
    public string? GpsLatitudeRef { get; init; }

    public IReadOnlyList<double>? GpsLongitude { get; init; }

    /// <summary>GPSLongitudeRef: "E" or "W".</summary>
    public string? GpsLongitudeRef { get; init; }

    /// <summary>GPSAltitude, in metres.</summary>
    public double? GpsAltitude { get; init; }

    /// <summary>GPSAltitudeRef: 0 above sea level, 1 below.</summary>
    public int? GpsAltitudeRef { get; init; }
}
