using Site.Domain.Photos;

namespace Site.Domain.Tests.Photos;

public class FocalPoint_Constructor
{
    [Theory]
    [InlineData(-0.5, 1.7, 0, 1)]
    [InlineData(0.25, 0.75, 0.25, 0.75)]
    [InlineData(double.NaN, double.PositiveInfinity, 0.5, 0.5)]
    public void ClampsToTheUnitSquare(double x, double y, double expectedX, double expectedY)
    {
        var point = new FocalPoint(x, y);
        Assert.Equal(expectedX, point.X);
        Assert.Equal(expectedY, point.Y);
    }

    [Fact]
    public void UnknownIsTheCentre()
    {
        Assert.Equal(FocalPoint.Centre, FocalPoint.FromOptional(null, 0.2));
        Assert.Equal(new FocalPoint(0.1, 0.2), FocalPoint.FromOptional(0.1, 0.2));
        Assert.Equal(FocalPoint.Centre, FocalPoint.FromOptional(double.NaN, 0.2));
    }
}

public class ThumbnailCrop_Around
{
    [Fact]
    public void WidePhotoKeepsFullHeightAndCentresOnTheFocus()
    {
        var crop = ThumbnailCrop.Around(new PixelSize(6000, 3000), new FocalPoint(0.5, 0.5));
        Assert.Equal(new PixelRectangle(1000, 0, 4000, 3000), crop);
    }

    [Fact]
    public void TallPhotoKeepsFullWidth()
    {
        var crop = ThumbnailCrop.Around(new PixelSize(3000, 6000), new FocalPoint(0.5, 0.2));
        Assert.Equal(3000, crop.Width);
        Assert.Equal(2250, crop.Height);
        Assert.Equal(0, crop.X);
        Assert.Equal(75, crop.Y); // 0.2 × 6000 − 1125
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 2000)]
    [InlineData(0.9, 2000)]
    public void CropStaysInsideTheImageWhenTheFocusIsNearAnEdge(double focusX, int expectedX)
    {
        var crop = ThumbnailCrop.Around(new PixelSize(6000, 3000), new FocalPoint(focusX, 0.5));
        Assert.Equal(expectedX, crop.X);
        Assert.InRange(crop.X + crop.Width, 0, 6000);
    }

    [Fact]
    public void ExactFourByThreeKeepsEveryPixel() =>
        Assert.Equal(new PixelRectangle(0, 0, 800, 600), ThumbnailCrop.Around(new PixelSize(800, 600), new FocalPoint(0.9, 0.1)));

    [Fact]
    public void TinyImagesAreNotUpscaled()
    {
        var crop = ThumbnailCrop.Around(new PixelSize(100, 50), FocalPoint.Centre);
        Assert.Equal(new PixelSize(67, 50), ThumbnailCrop.OutputSize(crop));
        Assert.Equal(new PixelSize(400, 300), ThumbnailCrop.OutputSize(ThumbnailCrop.Around(new PixelSize(4000, 3000), FocalPoint.Centre)));
    }

    [Fact]
    public void OnePixelImageStillHasACrop() =>
        Assert.Equal(new PixelRectangle(0, 0, 1, 1), ThumbnailCrop.Around(new PixelSize(1, 1), FocalPoint.Centre));
}

public class DisplaySizeLadder_For
{
    [Fact]
    public void LargePhotoGetsEveryRung() =>
        Assert.Equal([new(480, 320), new(1080, 720), new(2160, 1440)], DisplaySizeLadder.For(new PixelSize(6000, 4000)));

    [Fact]
    public void PortraitPhotoUsesItsLongEdge() =>
        Assert.Equal([new(320, 480), new(720, 1080), new(1440, 2160)], DisplaySizeLadder.For(new PixelSize(4000, 6000)));

    [Fact]
    public void PhotoBetweenRungsGetsItsOwnSizeOnTopAndIsNeverUpscaled() =>
        Assert.Equal([new(480, 360), new(1080, 810), new(1500, 1125)], DisplaySizeLadder.For(new PixelSize(1500, 1125)));

    [Fact]
    public void SmallPhotoGetsOnlyItsOwnSize() =>
        Assert.Equal([new(300, 200)], DisplaySizeLadder.For(new PixelSize(300, 200)));

    [Fact]
    public void PhotoExactlyOnARungIsNotDuplicated() =>
        Assert.Equal([new(480, 270), new(1080, 608)], DisplaySizeLadder.For(new PixelSize(1080, 608)));

    [Fact]
    public void ExtremePanoramaKeepsAtLeastOnePixel() =>
        Assert.Equal(new PixelSize(480, 1), DisplaySizeLadder.Scale(new PixelSize(20000, 10), 480));
}
