namespace Site.Domain.Photos;

/// <summary>
/// A contrast-based saliency estimate (frequency-tuned saliency, Achanta et al. 2009): each pixel of a small, slightly
/// blurred copy of the photo scores its CIELAB distance from the photo's mean colour. The focal point is the weighted
/// centroid of the top 20 % most salient pixels, as the reference site did; each weighs by how far it rises above the
/// 80th percentile, so a large uniform background tied at the threshold cannot pull the point off the subject.
/// </summary>
public sealed class SaliencyMap
{
    /// <summary>Share of the most salient pixels whose centroid is the focal point.</summary>
    public const double TopShare = 0.2;

    /// <summary>Below this spread of scores the photo is flat (one colour, noise): no subject, so the centre.</summary>
    private const double FlatImageSpread = 1.0;

    private readonly float[] _scores;

    private SaliencyMap(int width, int height, float[] scores)
    {
        Width = width;
        Height = height;
        _scores = scores;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The score of every pixel, row-major, in CIELAB ΔE units.</summary>
    public ReadOnlySpan<float> Scores => _scores;

    /// <summary>The map of an sRGB image given as packed 8-bit R, G, B triples, row-major.</summary>
    public static SaliencyMap FromRgb(ReadOnlySpan<byte> rgb, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"Expected {width}×{height}×3 bytes, not {rgb.Length}.", nameof(rgb));
        }

        var count = width * height;
        var lab = new float[count * 3];
        double meanL = 0, meanA = 0, meanB = 0;
        for (var i = 0; i < count; i++)
        {
            var (l, a, b) = ToLab(rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]);
            lab[i * 3] = l;
            lab[i * 3 + 1] = a;
            lab[i * 3 + 2] = b;
            meanL += l;
            meanA += a;
            meanB += b;
        }

        meanL /= count;
        meanA /= count;
        meanB /= count;
        var scores = new float[count];
        for (var i = 0; i < count; i++)
        {
            var dl = lab[i * 3] - meanL;
            var da = lab[i * 3 + 1] - meanA;
            var db = lab[i * 3 + 2] - meanB;
            scores[i] = (float)Math.Sqrt(dl * dl + da * da + db * db);
        }

        return new SaliencyMap(width, height, scores);
    }

    /// <summary>The weighted centroid of the top <see cref="TopShare"/> of pixels; the centre when the photo is flat.</summary>
    public FocalPoint FocalPoint()
    {
        var sorted = _scores.ToArray();
        Array.Sort(sorted);
        if (sorted[^1] - sorted[0] < FlatImageSpread)
        {
            return Photos.FocalPoint.Centre;
        }

        var threshold = sorted[(int)Math.Floor((sorted.Length - 1) * (1 - TopShare))];
        return Centroid(score => score - threshold) ?? Centroid(score => score >= threshold ? 1 : 0) ?? Photos.FocalPoint.Centre;
    }

    private FocalPoint? Centroid(Func<float, double> weightOf)
    {
        double weight = 0, sumX = 0, sumY = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var pixelWeight = weightOf(_scores[y * Width + x]);
                if (pixelWeight > 0)
                {
                    weight += pixelWeight;
                    sumX += pixelWeight * (x + 0.5);
                    sumY += pixelWeight * (y + 0.5);
                }
            }
        }

        // When the most salient fifth all score the same (a large even subject), every one of them weighs alike.
        return weight <= 0 ? null : new FocalPoint(sumX / weight / Width, sumY / weight / Height);
    }

    /// <summary>The map as 8-bit gray levels (brightest = most salient), for showing it to the admin.</summary>
    public byte[] ToGray()
    {
        var max = _scores.Length == 0 ? 0 : _scores.Max();
        return _scores.Select(score => max <= 0 ? (byte)0 : (byte)Math.Round(score / max * 255)).ToArray();
    }

    private static (float L, float A, float B) ToLab(byte red, byte green, byte blue)
    {
        var r = Linear(red);
        var g = Linear(green);
        var b = Linear(blue);
        // sRGB (D65) to XYZ, normalised by the D65 white point.
        var x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        var y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        var z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        var fx = LabCurve(x);
        var fy = LabCurve(y);
        var fz = LabCurve(z);
        return ((float)(116 * fy - 16), (float)(500 * (fx - fy)), (float)(200 * (fy - fz)));
    }

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static double LabCurve(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
}
