using Site.Data.Configuration;
using Site.Domain.Photos;

namespace Site.Data.Photos;

/// <summary>Settings under <c>Site:Photos</c>: the upload limit and what processing one photo may cost.</summary>
public sealed class PhotoOptions : ISiteOptions
{
    public const string Section = "Site:Photos";

    /// <summary>Largest upload accepted, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = PhotoUploadLimit.DefaultMaxBytes;

    /// <summary>How many photos this process decodes and resizes at once; more wait their turn.</summary>
    public int MaxConcurrentProcessing { get; set; } = 2;

    /// <summary>Largest width or height, in pixels, a photo may declare (panoramas need more than a square photo).</summary>
    public int MaxImageSide { get; set; } = 30_000;

    /// <summary>Largest number of pixels a photo may declare; 200 megapixels is past any current camera.</summary>
    public long MaxImagePixels { get; set; } = 200_000_000;

    /// <summary>Memory ImageMagick may hold for pixels across this process, in bytes; past it decoding fails.</summary>
    public long MaxDecodeMemoryBytes { get; set; } = 1024L * 1024 * 1024;

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (MaxUploadBytes < 1024)
        {
            yield return $"{sectionPath}:MaxUploadBytes must be at least 1024 bytes, not {MaxUploadBytes}.";
        }

        if (MaxConcurrentProcessing is < 1 or > 64)
        {
            yield return $"{sectionPath}:MaxConcurrentProcessing must be between 1 and 64, not {MaxConcurrentProcessing}.";
        }

        if (MaxImageSide is < 1000 or > 100_000)
        {
            yield return $"{sectionPath}:MaxImageSide must be between 1000 and 100000 pixels, not {MaxImageSide}.";
        }

        if (MaxImagePixels < 1_000_000)
        {
            yield return $"{sectionPath}:MaxImagePixels must be at least 1000000, not {MaxImagePixels}.";
        }

        if (MaxDecodeMemoryBytes < 64L * 1024 * 1024)
        {
            yield return $"{sectionPath}:MaxDecodeMemoryBytes must be at least 67108864 (64 MB), not {MaxDecodeMemoryBytes}.";
        }
    }
}
