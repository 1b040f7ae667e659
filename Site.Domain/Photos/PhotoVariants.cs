using System.Globalization;

namespace Site.Domain.Photos;

/// <summary>What a stored variant of a photo is for.</summary>
public enum PhotoVariantKind
{
    /// <summary>The 400×300 tile cut around the focal point.</summary>
    Thumbnail,

    /// <summary>A display size of the whole photo, for <c>srcset</c>.</summary>
    Display,

    /// <summary>The saliency map the focal point came from, shown to the admin.</summary>
    SaliencyMap,
}

/// <summary>
/// Which formats the variants are written in. Every thumbnail and display size is written as WebP (what browsers
/// prefer) plus one fallback: PNG stays PNG and GIF stays GIF (their flat colours and sharp edges suit them), other
/// photos fall back to JPEG, unless they have transparency, which only PNG keeps.
/// </summary>
public static class PhotoVariantFormats
{
    /// <summary>Quality of lossy variants (WebP and JPEG), as the reference site's thumbnails.</summary>
    public const int Quality = 80;

    public static PhotoFormat Fallback(PhotoFormat source, bool hasTransparency) => source switch
    {
        PhotoFormat.Png => PhotoFormat.Png,
        PhotoFormat.Gif => PhotoFormat.Gif,
        _ when hasTransparency => PhotoFormat.Png,
        _ => PhotoFormat.Jpeg,
    };

    /// <summary>The formats written for each thumbnail and display size: WebP first, then the fallback.</summary>
    public static IReadOnlyList<PhotoFormat> For(PhotoFormat source, bool hasTransparency) =>
        [PhotoFormat.WebP, Fallback(source, hasTransparency)];

    /// <summary>True when a format cannot hold transparency, so transparent pixels must be laid on white first.</summary>
    public static bool NeedsFlattening(PhotoFormat output) => output == PhotoFormat.Jpeg;
}

/// <summary>Where a photo's files live in media storage: every key starts with the photo's id.</summary>
public static class PhotoStorageKeys
{
    public static string Prefix(Guid photoId) => $"photos/{photoId:D}/";

    public static string Original(Guid photoId, PhotoFormat format) =>
        $"{Prefix(photoId)}original.{PhotoFormatSniffer.Extension(format)}";

    public static string Variant(Guid photoId, PhotoVariantKind kind, PixelSize size, PhotoFormat format)
    {
        var name = kind switch
        {
            PhotoVariantKind.Thumbnail => "thumbnail",
            PhotoVariantKind.Display => $"display-{size.Width}x{size.Height}",
            PhotoVariantKind.SaliencyMap => "saliency",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return $"{Prefix(photoId)}{name}.{PhotoFormatSniffer.Extension(format)}";
    }
}

/// <summary>The upload size rule and the sentence that refuses a file over it.</summary>
public static class PhotoUploadLimit
{
    public const long DefaultMaxBytes = 100L * 1024 * 1024;

    public static string TooLargeMessage(long maxBytes) =>
        $"This file is larger than the {FormatSize(maxBytes)} a photo may be. Export it at a smaller size or higher compression and upload it again.";

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => $"{bytes} bytes",
    };
}

/// <summary>Where a photo is in its processing.</summary>
public enum PhotoStatus
{
    /// <summary>Uploaded and stored; waiting for the jobs host.</summary>
    Pending,

    Processing,

    /// <summary>Described, hashed and every variant stored.</summary>
    Complete,

    /// <summary>Processing failed; the photo's failure reason says why.</summary>
    Failed,
}
