namespace Site.Domain.Photos;

/// <summary>
/// The display sizes made for responsive <c>srcset</c>: long edges of 480, 1080 and 2160 pixels, never larger than
/// the photo. A photo whose long edge falls between two rungs also gets a size at its own resolution, so the largest
/// display size always shows every pixel the photo has, up to the top rung.
/// </summary>
public static class DisplaySizeLadder
{
    public static IReadOnlyList<int> LongEdges { get; } = [480, 1080, 2160];

    /// <summary>The largest display long edge: the decoder need not produce more pixels than this.</summary>
    public static int LargestLongEdge => LongEdges[^1];

    /// <summary>The display sizes for a photo of <paramref name="photo"/> dimensions (upright), smallest first.</summary>
    public static IReadOnlyList<PixelSize> For(PixelSize photo)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(photo.Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(photo.Height);
        var sizes = LongEdges.Where(edge => edge < photo.LongEdge).Select(edge => Scale(photo, edge)).ToList();
        if (photo.LongEdge <= LargestLongEdge)
        {
            sizes.Add(photo);
        }

        return sizes;
    }

    /// <summary><paramref name="photo"/> scaled so its long edge is <paramref name="longEdge"/>, keeping the aspect ratio.</summary>
    public static PixelSize Scale(PixelSize photo, int longEdge)
    {
        var factor = (double)longEdge / photo.LongEdge;
        return new PixelSize(
            Math.Max(1, (int)Math.Round(photo.Width * factor)),
            Math.Max(1, (int)Math.Round(photo.Height * factor)));
    }
}
