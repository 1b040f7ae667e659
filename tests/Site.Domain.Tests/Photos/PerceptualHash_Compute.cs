using Site.Domain.Photos;

namespace Site.Domain.Tests.Photos;

public class PerceptualHash_Compute
{
    private const int Side = PerceptualHash.InputSide;

    [Fact]
    public void SameImageAtAnotherBrightnessOrContrastHashesTheSame()
    {
        var image = Scene();
        var brighter = image.Select(v => v * 0.8f + 30).ToArray();
        Assert.Equal(PerceptualHash.Compute(image), PerceptualHash.Compute(brighter));
    }

    [Fact]
    public void SlightNoiseStaysWithinTheNearDuplicateDistance()
    {
        var image = Scene();
        var random = new Random(7);
        var noisy = image.Select(v => v + (float)(random.NextDouble() * 12 - 6)).ToArray();
        Assert.True(PerceptualHash.AreNearDuplicates(PerceptualHash.Compute(image), PerceptualHash.Compute(noisy)));
    }

    [Fact]
    public void DifferentScenesAreFarApart()
    {
        var mirrored = new float[Side * Side];
        var image = Scene();
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                mirrored[y * Side + x] = image[x * Side + (Side - 1 - y)];
            }
        }

        Assert.True(PerceptualHash.Distance(PerceptualHash.Compute(image), PerceptualHash.Compute(mirrored)) > PerceptualHash.NearDuplicateMaxDistance);
    }

    [Fact]
    public void RefusesInputOfTheWrongSize() =>
        Assert.Throws<ArgumentException>(() => PerceptualHash.Compute(new float[10]));

    [Fact]
    public void HalfOfTheBitsAreSetForAnImageWithDetail()
    {
        var bits = System.Numerics.BitOperations.PopCount(unchecked((ulong)PerceptualHash.Compute(Scene())));
        Assert.InRange(bits, 24, 40);
    }

    private static float[] Scene()
    {
        var image = new float[Side * Side];
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                // A bright disc upper left on a horizontal gradient, with a dark bar lower right.
                var disc = (x - 9) * (x - 9) + (y - 10) * (y - 10) < 36 ? 120 : 0;
                var bar = x > 20 && y > 22 ? -80 : 0;
                image[y * Side + x] = 60 + x * 3 + disc + bar;
            }
        }

        return image;
    }
}

public class PerceptualHash_Distance
{
    [Theory]
    [InlineData(0L, 0L, 0)]
    [InlineData(0L, -1L, 64)]
    [InlineData(0b1011L, 0b0001L, 2)]
    [InlineData(long.MinValue, 0L, 1)]
    public void CountsDifferingBits(long a, long b, int expected) => Assert.Equal(expected, PerceptualHash.Distance(a, b));

    [Fact]
    public void NearDuplicateThresholdIsInclusive()
    {
        Assert.True(PerceptualHash.AreNearDuplicates(0, (1L << PerceptualHash.NearDuplicateMaxDistance) - 1));
        Assert.False(PerceptualHash.AreNearDuplicates(0, (1L << (PerceptualHash.NearDuplicateMaxDistance + 1)) - 1));
    }
}

public class PerceptualHash_BandNeighbourhood
{
    [Fact]
    public void BandsAreTheFourSixteenBitQuartersHighestFirst() =>
        Assert.Equal([0xFEDC, 0xBA98, 0x7654, 0x3210], PerceptualHash.Bands(unchecked((long)0xFEDCBA9876543210UL)));

    [Theory]
    [InlineData(3, 1)]
    [InlineData(7, 17)]
    [InlineData(10, 137)]
    [InlineData(15, 697)]
    public void EachBandListsEveryValueWithinTheSubRadius(int maxDistance, int valuesPerBand)
    {
        var neighbourhood = PerceptualHash.BandNeighbourhood(0x1234_5678_9ABC_DEF0, maxDistance);
        Assert.All(neighbourhood, band => Assert.Equal(valuesPerBand, band.Length));
    }

    [Fact]
    public void EveryHashWithinTheDistanceMatchesSomeBand()
    {
        var random = new Random(11);
        const long hash = 0x0F0F_3C3C_A5A5_FFFF;
        var neighbourhood = PerceptualHash.BandNeighbourhood(hash, PerceptualHash.NearDuplicateMaxDistance);
        for (var trial = 0; trial < 2000; trial++)
        {
            var other = hash;
            foreach (var bit in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(random.Next(PerceptualHash.NearDuplicateMaxDistance + 1)))
            {
                other ^= 1L << bit;
            }

            var bands = PerceptualHash.Bands(other);
            Assert.Contains(Enumerable.Range(0, PerceptualHash.BandCount), i => neighbourhood[i].Contains(bands[i]));
        }
    }

    [Fact]
    public void RefusesDistancesBeyondTheSupportedRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PerceptualHash.BandNeighbourhood(0, PerceptualHash.MaxSearchDistance + 1));
}

public class PerceptualHash_ComputeFromRgb
{
    [Fact]
    public void GrayRgbHashesLikeTheGrayValues()
    {
        var gray = new float[32 * 32];
        var rgb = new byte[32 * 32 * 3];
        for (var i = 0; i < gray.Length; i++)
        {
            var value = (byte)((i * 37 + i / 32 * 11) % 256);
            gray[i] = value;
            rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = value;
        }

        Assert.Equal(PerceptualHash.Compute(gray), PerceptualHash.ComputeFromRgb(rgb));
    }
}
