using System.Numerics;

namespace Site.Domain.Photos;

/// <summary>
/// The 64-bit perceptual hash (DCT pHash) and what counts as a near duplicate. Similar-looking photos (resized,
/// re-encoded, lightly edited) get hashes a small Hamming distance apart.
/// </summary>
public static class PerceptualHash
{
    /// <summary>Side of the grayscale square the hash is computed from.</summary>
    public const int InputSide = 32;

    /// <summary>Photos whose hashes differ in at most this many of 64 bits are reported as near duplicates.</summary>
    public const int NearDuplicateMaxDistance = 10;

    /// <summary>The hash is searched in <see cref="BandCount"/> bands of <see cref="BandBits"/> bits (multi-index hashing).</summary>
    public const int BandCount = 4;

    public const int BandBits = 16;

    /// <summary>The largest distance <see cref="BandNeighbourhood"/> supports; beyond it the candidate lists grow too long.</summary>
    public const int MaxSearchDistance = 15;

    private const int HashSide = 8;

    /// <summary>
    /// The hash of a <see cref="InputSide"/>×<see cref="InputSide"/> grayscale image (row-major, any scale): the sign
    /// of each of the 8×8 lowest-frequency DCT coefficients against their median, first row first, in the high bits.
    /// </summary>
    public static long Compute(ReadOnlySpan<float> gray)
    {
        if (gray.Length != InputSide * InputSide)
        {
            throw new ArgumentException($"The hash needs {InputSide}×{InputSide} = {InputSide * InputSide} values, not {gray.Length}.", nameof(gray));
        }

        var cosines = Cosines();
        // Separable DCT-II, computing only the low frequencies: rows first (32×8), then columns (8×8).
        var rows = new double[InputSide * HashSide];
        for (var y = 0; y < InputSide; y++)
        {
            for (var u = 0; u < HashSide; u++)
            {
                double sum = 0;
                for (var x = 0; x < InputSide; x++)
                {
                    sum += gray[y * InputSide + x] * cosines[u * InputSide + x];
                }

                rows[y * HashSide + u] = sum;
            }
        }

        var coefficients = new double[HashSide * HashSide];
        for (var v = 0; v < HashSide; v++)
        {
            for (var u = 0; u < HashSide; u++)
            {
                double sum = 0;
                for (var y = 0; y < InputSide; y++)
                {
                    sum += rows[y * HashSide + u] * cosines[v * InputSide + y];
                }

                coefficients[v * HashSide + u] = sum;
            }
        }

        var sorted = (double[])coefficients.Clone();
        Array.Sort(sorted);
        var median = (sorted[31] + sorted[32]) / 2;
        ulong hash = 0;
        foreach (var coefficient in coefficients)
        {
            hash = (hash << 1) | (coefficient > median ? 1UL : 0UL);
        }

        return unchecked((long)hash);
    }

    /// <summary>The hash of a <see cref="InputSide"/>×<see cref="InputSide"/> sRGB image given as packed R, G, B bytes, by its luma.</summary>
    public static long ComputeFromRgb(ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != InputSide * InputSide * 3)
        {
            throw new ArgumentException($"The hash needs {InputSide}×{InputSide} RGB pixels, not {rgb.Length} bytes.", nameof(rgb));
        }

        var gray = new float[InputSide * InputSide];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = 0.299f * rgb[i * 3] + 0.587f * rgb[i * 3 + 1] + 0.114f * rgb[i * 3 + 2];
        }

        return Compute(gray);
    }

    /// <summary>How many of the 64 bits differ.</summary>
    public static int Distance(long a, long b) => BitOperations.PopCount(unchecked((ulong)(a ^ b)));

    public static bool AreNearDuplicates(long a, long b) => Distance(a, b) <= NearDuplicateMaxDistance;

    /// <summary>The hash cut into <see cref="BandCount"/> unsigned 16-bit bands, highest bits first.</summary>
    public static int[] Bands(long hash)
    {
        var bits = unchecked((ulong)hash);
        var bands = new int[BandCount];
        for (var i = 0; i < BandCount; i++)
        {
            bands[i] = (int)((bits >> (BandBits * (BandCount - 1 - i))) & 0xFFFF);
        }

        return bands;
    }

    /// <summary>
    /// The values each band of a matching hash may have. Two hashes within <paramref name="maxDistance"/> bits differ
    /// in at most ⌊maxDistance / 4⌋ bits in at least one band (pigeonhole), so a photo whose band i holds one of
    /// <c>result[i]</c> for some i is a candidate, and every photo within the distance is among the candidates.
    /// </summary>
    public static int[][] BandNeighbourhood(long hash, int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, MaxSearchDistance);
        var radius = maxDistance / BandCount;
        return Bands(hash).Select(band => WithinRadius(band, radius).ToArray()).ToArray();
    }

    private static IEnumerable<int> WithinRadius(int band, int radius)
    {
        // Every 16-bit value whose Hamming distance from band is at most radius (radius ≤ 3: at most 697 values).
        for (var value = 0; value <= 0xFFFF; value++)
        {
            if (BitOperations.PopCount((uint)(value ^ band)) <= radius)
            {
                yield return value;
            }
        }
    }

    private static double[] Cosines()
    {
        var table = new double[HashSide * InputSide];
        for (var u = 0; u < HashSide; u++)
        {
            for (var x = 0; x < InputSide; x++)
            {
                table[u * InputSide + x] = Math.Cos((2 * x + 1) * u * Math.PI / (2 * InputSide));
            }
        }

        return table;
    }
}
