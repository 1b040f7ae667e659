namespace Site.Domain.Photos;

/// <summary>The image formats the site accepts as uploads, recognised by their first bytes rather than by name.</summary>
public enum PhotoFormat
{
    Jpeg,
    Png,
    Gif,
    WebP,
    Heif,
    Avif,
    Tiff,
}

/// <summary>Recognises an upload's format from its magic bytes, and what each format is called and stored as.</summary>
public static class PhotoFormatSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to decide (the HEIF file-type box with its brands).</summary>
    public const int HeaderLength = 64;

    /// <summary>The sentence shown when an upload is not an image the site accepts.</summary>
    public const string UnsupportedMessage =
        "This file is not a JPEG, PNG, GIF, WebP, HEIC/HEIF, AVIF or TIFF image. Upload the photo itself, not a file renamed to look like one.";

    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"];
    private static readonly string[] AvifBrands = ["avif", "avis"];
    private static readonly string[] GenericHeifBrands = ["mif1", "msf1"];

    /// <summary>The format, or null when the bytes start no accepted image.</summary>
    public static PhotoFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return PhotoFormat.Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return PhotoFormat.Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return PhotoFormat.Gif;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return PhotoFormat.WebP;
        }

        if (header.StartsWith("II*\0"u8) || header.StartsWith("MM\0*"u8))
        {
            return PhotoFormat.Tiff;
        }

        return DetectIsoMedia(header);
    }

    /// <summary>The MIME type each format is stored and served with.</summary>
    public static string ContentType(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "image/jpeg",
        PhotoFormat.Png => "image/png",
        PhotoFormat.Gif => "image/gif",
        PhotoFormat.WebP => "image/webp",
        PhotoFormat.Heif => "image/heic",
        PhotoFormat.Avif => "image/avif",
        PhotoFormat.Tiff => "image/tiff",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The file extension (without the dot) each format is stored under.</summary>
    public static string Extension(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "jpg",
        PhotoFormat.Png => "png",
        PhotoFormat.Gif => "gif",
        PhotoFormat.WebP => "webp",
        PhotoFormat.Heif => "heic",
        PhotoFormat.Avif => "avif",
        PhotoFormat.Tiff => "tif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static PhotoFormat? DetectIsoMedia(ReadOnlySpan<byte> header)
    {
        // ISO base media file: a 'ftyp' box whose major and compatible brands name the image kind.
        if (header.Length < 16 || !header[4..8].SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var boxSize = (int)Math.Min((uint)(header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3]), (uint)header.Length);
        var brands = new List<string> { System.Text.Encoding.ASCII.GetString(header[8..12]) };
        for (var offset = 16; offset + 4 <= boxSize; offset += 4)
        {
            brands.Add(System.Text.Encoding.ASCII.GetString(header.Slice(offset, 4)));
        }

        if (brands.Any(AvifBrands.Contains))
        {
            return PhotoFormat.Avif;
        }

        return brands.Any(b => HeifBrands.Contains(b) || GenericHeifBrands.Contains(b)) ? PhotoFormat.Heif : null;
    }
}
