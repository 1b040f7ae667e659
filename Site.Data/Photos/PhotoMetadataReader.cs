using System.Text.Json;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Site.Domain.Photos;
using Directory = MetadataExtractor.Directory;

namespace Site.Data.Photos;

/// <summary>
/// What a file's metadata says: the facts the site formats, every tag as JSON for the admin, and the pixel size the
/// file's header declares (null when none was found), read without decoding a pixel.
/// </summary>
internal sealed record PhotoMetadata(ExifFacts Facts, string Json, PixelSize? DeclaredSize);

/// <summary>
/// Reads a photo's metadata with MetadataExtractor, which reads EXIF, XMP, IPTC and ICC from JPEG, PNG, GIF, WebP,
/// HEIF and TIFF alike and keeps APEX tags apart from the direct ones (ImageMagick's EXIF profile does neither as well).
/// The JSON is bounded: long values (maker notes, embedded thumbnails, padded comments) are cut, so enormous
/// metadata cannot bloat the database.
/// </summary>
internal static class PhotoMetadataReader
{
    /// <summary>Longest tag value kept in the JSON; longer ones are cut with a note of their length.</summary>
    public const int MaxValueLength = 1000;

    /// <summary>Most tags kept in the JSON across all directories.</summary>
    public const int MaxTags = 2000;

    /// <summary>MetadataExtractor gives OffsetTimeOriginal (0x9011) this name in 2.4.</summary>
    private const int OffsetTimeOriginal = ExifDirectoryBase.TagTimeZoneOriginal;

    public static PhotoMetadata Read(string path, PhotoFormat format)
    {
        IReadOnlyList<Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(path);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // Unreadable metadata never fails a photo that decodes: it is described as having none.
            return new PhotoMetadata(new ExifFacts(), JsonSerializer.Serialize(new Dictionary<string, object> { ["error"] = ex.Message }), null);
        }

        return new PhotoMetadata(Facts(directories), Json(directories), DeclaredSize(directories, format));
    }

    /// <summary>
    /// The size in the format's own header (JPEG frame, PNG IHDR, GIF screen, WebP, HEIF 'ispe'); for TIFF the first
    /// IFD is that header. An EXIF block inside other formats may carry stale sizes, so it is not asked.
    /// </summary>
    private static PixelSize? DeclaredSize(IReadOnlyList<Directory> directories, PhotoFormat format)
    {
        foreach (var directory in directories)
        {
            if (directory is ExifIfd0Directory && format != PhotoFormat.Tiff)
            {
                continue;
            }

            var width = directory.Tags.FirstOrDefault(t => t.Name == "Image Width");
            var height = directory.Tags.FirstOrDefault(t => t.Name == "Image Height");
            if (width is not null && height is not null &&
                directory.TryGetInt64(width.Type, out var w) && directory.TryGetInt64(height.Type, out var h) && w > 0 && h > 0)
            {
                return new PixelSize((int)Math.Min(w, int.MaxValue), (int)Math.Min(h, int.MaxValue));
            }
        }

        return null;
    }

    private static ExifFacts Facts(IReadOnlyList<Directory> directories)
    {
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var sub = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        return new ExifFacts
        {
            Make = ifd0?.GetString(ExifDirectoryBase.TagMake),
            Model = ifd0?.GetString(ExifDirectoryBase.TagModel),
            LensModel = sub?.GetString(ExifDirectoryBase.TagLensModel),
            FocalLength = Number(sub, ExifDirectoryBase.TagFocalLength),
            FNumber = Number(sub, ExifDirectoryBase.TagFNumber),
            ApertureValue = Number(sub, ExifDirectoryBase.TagAperture),
            ExposureTime = Number(sub, ExifDirectoryBase.TagExposureTime),
            ShutterSpeedValue = Number(sub, ExifDirectoryBase.TagShutterSpeed),
            Iso = sub is not null && sub.TryGetInt32(ExifDirectoryBase.TagIsoEquivalent, out var iso) ? iso : null,
            DateTimeOriginal = sub?.GetString(ExifDirectoryBase.TagDateTimeOriginal) ?? ifd0?.GetString(ExifDirectoryBase.TagDateTime),
            OffsetTimeOriginal = sub?.GetString(OffsetTimeOriginal),
            GpsLatitude = Numbers(gps, GpsDirectory.TagLatitude),
            GpsLatitudeRef = gps?.GetString(GpsDirectory.TagLatitudeRef),
            GpsLongitude = Numbers(gps, GpsDirectory.TagLongitude),
            GpsLongitudeRef = gps?.GetString(GpsDirectory.TagLongitudeRef),
            GpsAltitude = Number(gps, GpsDirectory.TagAltitude),
            GpsAltitudeRef = gps is not null && gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out var altitudeRef) ? altitudeRef : null,
        };
    }

    private static double? Number(Directory? directory, int tag)
    {
        if (directory is null || !directory.ContainsTag(tag))
        {
            return null;
        }

        if (directory.TryGetRational(tag, out var rational))
        {
            return rational.Denominator == 0 ? null : rational.ToDouble();
        }

        return directory.TryGetDouble(tag, out var number) ? number : null;
    }

    private static double[]? Numbers(Directory? directory, int tag)
    {
        var rationals = directory?.GetRationalArray(tag);
        return rationals is null || rationals.Any(r => r.Denominator == 0) ? null : rationals.Select(r => r.ToDouble()).ToArray();
    }

    private static string Json(IReadOnlyList<Directory> directories)
    {
        var document = new Dictionary<string, Dictionary<string, string>>();
        var kept = 0;
        foreach (var directory in directories)
        {
            var tags = new Dictionary<string, string>();
            foreach (var tag in directory.Tags)
            {
                if (kept == MaxTags)
                {
                    break;
                }

                var value = tag.Description ?? directory.GetObject(tag.Type)?.ToString() ?? "";
                // PostgreSQL's jsonb refuses the NUL character, which padded EXIF strings often contain.
                value = value.Replace("\0", "", StringComparison.Ordinal);
                if (value.Length > MaxValueLength)
                {
                    value = $"{value[..MaxValueLength]}… ({value.Length} characters in all)";
                }

                tags.TryAdd(tag.Name, value);
                kept++;
            }

            if (tags.Count > 0)
            {
                var name = directory.Name;
                for (var n = 2; document.ContainsKey(name); n++)
                {
                    name = $"{directory.Name} ({n})";
                }

                document[name] = tags;
            }
        }

        return JsonSerializer.Serialize(document);
    }
}
