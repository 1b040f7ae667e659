using Site.Domain.Photos;

namespace Site.Domain.Tests.Photos;

public class PhotoExifFormat_Describe
{
    [Theory]
    [InlineData(50.0, "50mm")]
    [InlineData(50.5, "50.5mm")]
    [InlineData(4.25, "4.3mm")]
    [InlineData(23.0001, "23mm")]
    public void FocalLengthIsMillimetresWithAtMostOneDecimal(double mm, string expected) =>
        Assert.Equal(expected, PhotoExifFormat.FocalLength(mm));

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    public void FocalLengthIsUnknownWhenMissingOrNonsense(double? mm) => Assert.Null(PhotoExifFormat.FocalLength(mm));

    [Theory]
    [InlineData(2.8, null, "f/2.8")]
    [InlineData(8.0, null, "f/8")]
    [InlineData(1.4, 5.0, "f/1.4")]
    public void ApertureComesFromTheFNumberEvenWhenAnApexValueIsPresent(double? fNumber, double? apex, string expected) =>
        Assert.Equal(expected, PhotoExifFormat.Aperture(fNumber, apex));

    [Theory]
    [InlineData(3.0, "f/2.8")] // 2^(3/2) = 2.83
    [InlineData(6.0, "f/8")] // 2^3
    [InlineData(2.97, "f/2.8")] // 2^1.485 = 2.80
    [InlineData(0.0, "f/1")]
    public void ApertureFallsBackToTheApexValueConverted(double apex, string expected) =>
        Assert.Equal(expected, PhotoExifFormat.Aperture(null, apex));

    [Fact]
    public void ApertureIsUnknownWithNeitherTag() => Assert.Null(PhotoExifFormat.Aperture(null, null));

    [Theory]
    [InlineData(0.004, null, "1/250")]
    [InlineData(1.0 / 8000, null, "1/8000")]
    [InlineData(0.25, null, "1/4")]
    [InlineData(0.5, null, "0.5s")]
    [InlineData(2.0, null, "2s")]
    [InlineData(1.3, null, "1.3s")]
    [InlineData(30.0, 4.0, "30s")]
    public void ShutterComesFromTheExposureTime(double? exposure, double? apex, string expected) =>
        Assert.Equal(expected, PhotoExifFormat.Shutter(exposure, apex));

    [Theory]
    [InlineData(7.965784, "1/250")] // 2^-7.966 = 1/250
    [InlineData(8.0, "1/256")]
    [InlineData(-1.0, "2s")]
    [InlineData(0.0, "1s")]
    public void ShutterFallsBackToTheApexValueConverted(double apex, string expected) =>
        Assert.Equal(expected, PhotoExifFormat.Shutter(null, apex));

    [Fact]
    public void DateTakenKeepsItsOffsetWhenTheFileHasOne()
    {
        var taken = PhotoExifFormat.TakenAt("2024:05:01 14:30:15", "+02:00");
        Assert.Equal(new DateTime(2024, 5, 1, 14, 30, 15), taken!.Value.LocalTime);
        Assert.Equal(TimeSpan.FromHours(2), taken.Value.Offset);
        Assert.Equal("2024-05-01T14:30:15+02:00", taken.Value.ToString());
    }

    [Fact]
    public void DateTakenWithoutOffsetIsLocalTimeOnly()
    {
        var taken = PhotoExifFormat.TakenAt("2019:12:31 23:59:59", null);
        Assert.Null(taken!.Value.Offset);
        Assert.Equal(DateTimeKind.Unspecified, taken.Value.LocalTime.Kind);
        Assert.Equal("2019-12-31T23:59:59", taken.Value.ToString());
    }

    [Theory]
    [InlineData("-05:30", -330)]
    [InlineData("+00:00", 0)]
    [InlineData("+14:00", 840)]
    public void DateTakenReadsNegativeAndZeroOffsets(string offset, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), PhotoExifFormat.TakenAt("2020:01:02 03:04:05", offset)!.Value.Offset);

    [Theory]
    [InlineData("0000:00:00 00:00:00")]
    [InlineData("    :  :     :  :  ")]
    [InlineData("2024-05-01 14:30:15")]
    [InlineData("")]
    [InlineData(null)]
    public void DateTakenIsUnknownWhenMalformed(string? text) => Assert.Null(PhotoExifFormat.TakenAt(text, "+01:00"));

    [Fact]
    public void DateTakenIgnoresAMalformedOffset() =>
        Assert.Null(PhotoExifFormat.TakenAt("2020:01:02 03:04:05", "+2h")!.Value.Offset);

    [Fact]
    public void GpsBecomesSignedDecimalDegreesAndMetres()
    {
        var description = PhotoExifFormat.Describe(new ExifFacts
        {
            GpsLatitude = [33, 51, 54],
            GpsLatitudeRef = "S",
            GpsLongitude = [151, 12, 36.5],
            GpsLongitudeRef = "E",
            GpsAltitude = 12.5,
            GpsAltitudeRef = 1,
        });
        var gps = description.Gps!.Value;
        Assert.Equal(-33.865, gps.Latitude, 6);
        Assert.Equal(151.210138889, gps.Longitude, 6);
        Assert.Equal(-12.5, gps.Altitude);
    }

    [Fact]
    public void GpsWestIsNegativeAndAltitudeAboveSeaLevelPositive()
    {
        var gps = PhotoExifFormat.Describe(new ExifFacts
        {
            GpsLatitude = [40, 26, 46.3], GpsLatitudeRef = "N", GpsLongitude = [79, 58, 56], GpsLongitudeRef = "W",
            GpsAltitude = 300, GpsAltitudeRef = 0,
        }).Gps!.Value;
        Assert.True(gps.Latitude > 0);
        Assert.Equal(-79.982222, gps.Longitude, 5);
        Assert.Equal(300, gps.Altitude);
    }

    [Fact]
    public void GpsIsUnknownWhenACoordinateIsMissingOrOutOfRange()
    {
        Assert.Null(PhotoExifFormat.Describe(new ExifFacts { GpsLatitude = [10, 0, 0], GpsLatitudeRef = "N" }).Gps);
        Assert.Null(PhotoExifFormat.Describe(new ExifFacts
        {
            GpsLatitude = [95, 0, 0], GpsLatitudeRef = "N", GpsLongitude = [10, 0, 0], GpsLongitudeRef = "E",
        }).Gps);
    }

    [Fact]
    public void DescribeTrimsTextAndDropsZeroIso()
    {
        var description = PhotoExifFormat.Describe(new ExifFacts { Make = "  Canon\0", Model = "", LensModel = "EF50mm f/1.8", Iso = 0 });
        Assert.Equal("Canon", description.CameraMake);
        Assert.Null(description.CameraModel);
        Assert.Equal("EF50mm f/1.8", description.Lens);
        Assert.Null(description.Iso);
    }
}
