using Site.Domain.Photos;

namespace Site.Domain.Tests.Photos;

public class SaliencyMap_FocalPoint
{
    [Fact]
    public void RedSubjectOnGreyLandsTheFocalPointOnTheSubject()
    {
        // 60×40 grey field with a red 8×8 square centred at (45, 10).
        var rgb = Image(60, 40, (x, y) => x is >= 41 and < 49 && y is >= 6 and < 14 ? (220, 30, 30) : (128, 128, 128));
        var focus = SaliencyMap.FromRgb(rgb, 60, 40).FocalPoint();
        Assert.Equal(45.0 / 60, focus.X, 2);
        Assert.Equal(10.0 / 40, focus.Y, 2);
    }

    [Fact]
    public void FlatImageHasTheCentreAsFocalPoint() =>
        Assert.Equal(FocalPoint.Centre, SaliencyMap.FromRgb(Image(20, 10, (_, _) => (40, 90, 200)), 20, 10).FocalPoint());

    [Fact]
    public void GrayMapIsBrightestWhereTheSubjectIs()
    {
        var map = SaliencyMap.FromRgb(Image(10, 10, (x, y) => x == 3 && y == 7 ? (255, 255, 0) : (20, 20, 20)), 10, 10);
        var gray = map.ToGray();
        Assert.Equal(255, gray[7 * 10 + 3]);
        Assert.Equal(100, gray.Length);
        Assert.True(gray[0] < 10);
    }

    [Fact]
    public void RefusesPixelsThatDoNotMatchTheSize() =>
        Assert.Throws<ArgumentException>(() => SaliencyMap.FromRgb(new byte[5], 2, 2));

    private static byte[] Image(int width, int height, Func<int, int, (int R, int G, int B)> colour)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = colour(x, y);
                var i = (y * width + x) * 3;
                rgb[i] = (byte)r;
                rgb[i + 1] = (byte)g;
                rgb[i + 2] = (byte)b;
            }
        }

        return rgb;
    }
}

public class SaliencyMap_FocalPoint_LargeSubject
{
    [Fact]
    public void EvenSubjectLargerThanTheTopFifthStillHoldsTheFocalPoint()
    {
        // The left 30 % is evenly red: every top-fifth pixel scores the same, so they weigh alike.
        var rgb = new byte[100 * 10 * 3];
        for (var i = 0; i < 1000; i++)
        {
            var red = i % 100 < 30;
            rgb[i * 3] = red ? (byte)230 : (byte)128;
            rgb[i * 3 + 1] = red ? (byte)20 : (byte)128;
            rgb[i * 3 + 2] = red ? (byte)20 : (byte)128;
        }

        var focus = SaliencyMap.FromRgb(rgb, 100, 10).FocalPoint();
        Assert.Equal(0.15, focus.X, 2);
        Assert.Equal(0.5, focus.Y, 2);
    }
}
