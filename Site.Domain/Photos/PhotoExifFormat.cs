using System.Globalization;

namespace Site.Domain.Photos;

/// <summary>
/// The EXIF formatting rules: how focal length, aperture, shutter, ISO, date taken and GPS position are written for
/// people. APEX values (ApertureValue, ShutterSpeedValue) are converted, and used only when the direct tag is absent,
/// because the direct tags are what the camera actually set.
/// </summary>
public static class PhotoExifFormat
{
    /// <summary>Exposures up to a quarter second read as fractions ("1/250"); longer ones as seconds ("0.5s", "2s").</summary>
    private const double LongestFractionalExposure = 0.25001;

    public static PhotoDescription Describe(ExifFacts facts) => new(
        Text(facts.Make),
        Text(facts.Model),
        Text(facts.LensModel),
        FocalLength(facts.FocalLength),
        Aperture(facts.FNumber, facts.ApertureValue),
        Shutter(facts.ExposureTime, facts.ShutterSpeedValue),
        facts.Iso is > 0 ? facts.Iso : null,
        TakenAt(facts.DateTimeOriginal, facts.OffsetTimeOriginal),
        Gps(facts));

    /// <summary>"50mm", "50.5mm"; null when unknown or not positive.</summary>
    public static string? FocalLength(double? millimetres) =>
        millimetres is { } mm && Usable(mm) ? OneDecimal(mm) + "mm" : null;

    /// <summary>"f/2.8" from the f-number, or from the APEX aperture value (f = 2^(AV/2)) when there is no f-number.</summary>
    public static string? Aperture(double? fNumber, double? apertureValue)
    {
        if (fNumber is { } f && Usable(f))
        {
            return "f/" + OneDecimal(f);
        }

        if (apertureValue is { } av && double.IsFinite(av) && av is >= -2 and <= 32)
        {
            return "f/" + OneDecimal(Math.Pow(2, av / 2));
        }

        return null;
    }

    /// <summary>
    /// "1/250" or "2s" from the exposure time, or from the APEX shutter speed value (t = 2^(−TV)) when there is no
    /// exposure time.
    /// </summary>
    public static string? Shutter(double? exposureTime, double? shutterSpeedValue)
    {
        double? seconds = exposureTime is { } t && Usable(t)
            ? t
            : shutterSpeedValue is { } tv && double.IsFinite(tv) && tv is >= -20 and <= 30 ? Math.Pow(2, -tv) : null;
        if (seconds is not { } s)
        {
            return null;
        }

        return s <= LongestFractionalExposure
            ? "1/" + Math.Round(1 / s, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)
            : OneDecimal(s) + "s";
    }

    /// <summary>DateTimeOriginal with OffsetTimeOriginal when the file has one; null when absent or malformed.</summary>
    public static PhotoTakenAt? TakenAt(string? dateTimeOriginal, string? offsetTimeOriginal)
    {
        if (!DateTime.TryParseExact(dateTimeOriginal?.Trim().TrimEnd('\0'), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
        {
            return null;
        }

        return new PhotoTakenAt(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset(offsetTimeOriginal));
    }

    /// <summary>Signed decimal degrees from degrees, minutes, seconds and the hemisphere letter.</summary>
    public static double? Coordinate(IReadOnlyList<double>? degreesMinutesSeconds, string? reference, double limit)
    {
        if (degreesMinutesSeconds is not { Count: > 0 } dms || dms.Any(v => !double.IsFinite(v) || v < 0))
        {
            return null;
        }

        var value = dms[0] + (dms.Count > 1 ? dms[1] / 60 : 0) + (dms.Count > 2 ? dms[2] / 3600 : 0);
        if (value > limit)
        {
            return null;
        }

        return reference?.Trim().ToUpperInvariant() is "S" or "W" ? -value : value;
    }

    private static GpsPosition? Gps(ExifFacts facts)
    {
        var latitude = Coordinate(facts.GpsLatitude, facts.GpsLatitudeRef, 90);
        var longitude = Coordinate(facts.GpsLongitude, facts.GpsLongitudeRef, 180);
        if (latitude is null || longitude is null)
        {
            return null;
        }

        double? altitude = facts.GpsAltitude is { } metres && double.IsFinite(metres)
            ? facts.GpsAltitudeRef == 1 ? -metres : metres
            : null;
        return new GpsPosition(latitude.Value, longitude.Value, altitude);
    }

    private static TimeSpan? Offset(string? text)
    {
        var trimmed = text?.Trim().TrimEnd('\0');
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length != 6 || trimmed[0] is not ('+' or '-') || trimmed[3] != ':')
        {
            return null;
        }

        if (!int.TryParse(trimmed.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) ||
            !int.TryParse(trimmed.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ||
            hours > 14 || minutes > 59)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return trimmed[0] == '-' ? -offset : offset;
    }

    private static string? Text(string? value)
    {
        var trimmed = value?.Trim().Trim('\0').Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static bool Usable(double value) => value > 0 && double.IsFinite(value);

    private static string OneDecimal(double value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
}
