using System.Text.Json;
using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Site.Data.Photos;
using Site.Domain.Photos;
using PerceptualHash = Site.Domain.Photos.PerceptualHash;

namespace Site.Data.Tests.Photos;

[Collection(PhotoRenderingCollection.Name)]
public class PhotoProcessor_ProcessAsync(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    private static readonly string[] CameraTags =
    [
        "Make=TestCam", "Model=Model X", "LensModel=TestLens 50mm F1.8", "FocalLength#=50.5", "FNumber#=2.8",
        "ExposureTime#=0.004", "ISO#=400", "DateTimeOriginal=2024:05:01 14:30:15", "OffsetTimeOriginal=+02:00",
        "GPSLatitude#=33.865", "GPSLatitudeRef#=S", "GPSLongitude#=151.2101", "GPSLongitudeRef#=E",
        "GPSAltitude#=12.5", "GPSAltitudeRef#=1",
    ];

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task CameraJpegIsDescribedHashedAndRenderedIntoEveryVariant(StoreKind store)
    {
        var bytes = TestImages.Unique(TestImages.WithExif(TestImages.Jpeg(3000, 2000, subjectX: 0.75, subjectY: 0.3), ".jpg", CameraTags));
        var photo = await fixture.UploadAsync(store, bytes, "camera.jpg");

        Assert.Equal(PhotoProcessingOutcome.Complete, await fixture.Processor(store).ProcessAsync(photo.Id));

        var saved = await LoadAsync(photo.Id);
        Assert.Equal(PhotoStatus.Complete, saved.Status);
        Assert.Null(saved.FailureReason);
        Assert.Equal((3000, 2000), (saved.Width, saved.Height));
        Assert.NotNull(saved.PerceptualHash);
        Assert.Equal(PerceptualHash.Bands(saved.PerceptualHash!.Value), new[] { saved.HashBand0!.Value, saved.HashBand1!.Value, saved.HashBand2!.Value, saved.HashBand3!.Value });
        Assert.Equal(0.75, saved.FocalPointX, 1);
        Assert.Equal(0.3, saved.FocalPointY, 1);
        Assert.False(saved.FocalPointManual);

        Assert.Equal(
            [
                "display-1080x720.jpg", "display-1080x720.webp", "display-2160x1440.jpg", "display-2160x1440.webp",
                "display-480x320.jpg", "display-480x320.webp", "original.jpg", "saliency.png", "thumbnail.jpg", "thumbnail.webp",
            ],
            (await fixture.StoredKeysAsync(store, photo.Id)).Select(k => k[(k.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
        Assert.Equal(bytes, await fixture.ReadAsync(store, saved.OriginalKey));
        foreach (var variant in saved.Variants)
        {
            var stored = await fixture.ReadAsync(store, variant.StorageKey);
            Assert.Equal(variant.SizeBytes, stored.Length);
            using var decoded = new MagickImage(stored);
            Assert.Equal((variant.Width, variant.Height), ((int)decoded.Width, (int)decoded.Height));
            Assert.Equal(variant.Format, PhotoFormatSniffer.Detect(stored));
            // Variants never carry the original's metadata, so a shared photo cannot give away where it was taken.
            Assert.Null(decoded.GetExifProfile());
        }

        Assert.Contains(saved.Variants, v => v is { Kind: PhotoVariantKind.Thumbnail, Width: 400, Height: 300, Format: PhotoFormat.WebP });
        Assert.Contains(saved.Variants, v => v is { Kind: PhotoVariantKind.SaliencyMap, Format: PhotoFormat.Png, Width: PhotoRenderer.SaliencyLongEdge });
    }

    [Fact]
    public async Task ExifFieldsAgreeWithExiftool()
    {
        var bytes = TestImages.WithExif(TestImages.Jpeg(800, 600, subjectX: 0.6), ".jpg", CameraTags);
        var exiftool = TestImages.ExiftoolRead(bytes, ".jpg");
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, "exif.jpg");

        await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.Equal(exiftool.GetProperty("Make").GetString(), saved.CameraMake);
        Assert.Equal(exiftool.GetProperty("Model").GetString(), saved.CameraModel);
        Assert.Equal(exiftool.GetProperty("LensModel").GetString(), saved.Lens);
        Assert.Equal(PhotoExifFormat.FocalLength(exiftool.GetProperty("FocalLength").GetDouble()), saved.FocalLength);
        Assert.Equal("50.5mm", saved.FocalLength);
        Assert.Equal(PhotoExifFormat.Aperture(exiftool.GetProperty("FNumber").GetDouble(), null), saved.Aperture);
        Assert.Equal("f/2.8", saved.Aperture);
        Assert.Equal(PhotoExifFormat.Shutter(Number(exiftool.GetProperty("ExposureTime")), null), saved.Shutter);
        Assert.Equal("1/250", saved.Shutter);
        Assert.Equal(exiftool.GetProperty("ISO").GetInt32(), saved.Iso);
        Assert.Equal(PhotoExifFormat.TakenAt(exiftool.GetProperty("DateTimeOriginal").GetString(), exiftool.GetProperty("OffsetTimeOriginal").GetString()), saved.Taken);
        Assert.Equal("2024-05-01T14:30:15+02:00", saved.Taken.ToString());
        Assert.Equal(exiftool.GetProperty("GPSLatitude").GetDouble(), saved.GpsLatitude!.Value, 6);
        Assert.Equal(exiftool.GetProperty("GPSLongitude").GetDouble(), saved.GpsLongitude!.Value, 6);
        Assert.Equal(exiftool.GetProperty("GPSAltitude").GetDouble(), saved.GpsAltitude!.Value, 6);
        Assert.True(saved.GpsLatitude < 0 && saved.GpsAltitude < 0, "south and below sea level are negative");

        using var json = JsonDocument.Parse(saved.Exif!);
        Assert.Equal("TestCam", json.RootElement.GetProperty("Exif IFD0").GetProperty("Make").GetString());
        Assert.True(json.RootElement.TryGetProperty("GPS", out _));
    }

    [Fact]
    public async Task ApexValuesAreConvertedWhenTheDirectTagsAreAbsent()
    {
        // exiftool takes the f-number and seconds and stores their APEX values (AV = 2·log2 f, TV = −log2 t).
        var bytes = TestImages.WithExif(TestImages.Jpeg(400, 300, subjectX: 0.1), ".jpg", "ApertureValue#=2.8", "ShutterSpeedValue#=0.004", "Make=Apex");
        var exiftool = TestImages.ExiftoolRead(bytes, ".jpg");
        Assert.False(exiftool.TryGetProperty("FNumber", out _));
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, "apex.jpg");

        await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        // exiftool's own conversion of the APEX values, formatted by the one rule.
        Assert.Equal(PhotoExifFormat.Aperture(exiftool.GetProperty("Aperture").GetDouble(), null), saved.Aperture);
        Assert.Equal("f/2.8", saved.Aperture);
        Assert.Equal(PhotoExifFormat.Shutter(Number(exiftool.GetProperty("ShutterSpeed")), null), saved.Shutter);
        Assert.Equal("1/250", saved.Shutter);
    }

    [Fact]
    public async Task ExifOrientationIsAppliedToVariantsWhileTheOriginalStaysAsUploaded()
    {
        // Stored landscape 600×400 with the subject on the left; orientation 6 means "rotate 90° clockwise to view".
        var bytes = TestImages.WithExif(TestImages.Jpeg(600, 400, subjectX: 0.1, subjectY: 0.5), ".jpg", "Orientation#=6");
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, "rotated.jpg");

        await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.Equal((400, 600), (saved.Width, saved.Height));
        var display = saved.Variants.Single(v => v is { Kind: PhotoVariantKind.Display, Format: PhotoFormat.Jpeg, Height: 600 });
        Assert.Equal(400, display.Width);
        // After rotating clockwise the subject, once on the left, is at the top.
        Assert.True(saved.FocalPointY < 0.3, $"focal point {saved.FocalPointX:0.00}, {saved.FocalPointY:0.00}");
        Assert.Equal(0.5, saved.FocalPointX, 1);
        Assert.Equal(bytes, await fixture.ReadAsync(StoreKind.Local, saved.OriginalKey));
    }

    [Fact]
    public async Task TransparentPngKeepsItsKindAndItsAlpha()
    {
        var photo = await fixture.UploadAsync(StoreKind.Local, TestImages.PngWithTransparency(1200, 900), "logo.png");

        await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.Equal(PhotoStatus.Complete, saved.Status);
        Assert.DoesNotContain(saved.Variants, v => v.Format == PhotoFormat.Jpeg);
        var fallback = saved.Variants.First(v => v is { Kind: PhotoVariantKind.Display, Format: PhotoFormat.Png });
        var webp = saved.Variants.First(v => v is { Kind: PhotoVariantKind.Display, Format: PhotoFormat.WebP });
        foreach (var variant in new[] { fallback, webp })
        {
            using var decoded = new MagickImage(await fixture.ReadAsync(StoreKind.Local, variant.StorageKey));
            Assert.True(decoded.HasAlpha && !decoded.IsOpaque, $"{variant.StorageKey} lost its transparency");
        }
    }

    [Theory]
    [InlineData("cmyk")]
    [InlineData("png16")]
    [InlineData("heic")]
    public async Task UnusualButValidPhotosAreProcessed(string kind)
    {
        var (bytes, name) = kind switch
        {
            "cmyk" => (TestImages.CmykJpeg(900, 600), "print.jpg"),
            "png16" => (TestImages.Png16(700, 500), "deep.png"),
            _ => (TestImages.Heic(1200, 800), "phone.heic"),
        };
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, name);

        var outcome = await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.True(outcome == PhotoProcessingOutcome.Complete, saved.FailureReason);
        var thumbnail = saved.Variants.Single(v => v is { Kind: PhotoVariantKind.Thumbnail, Format: PhotoFormat.WebP });
        using var decoded = new MagickImage(await fixture.ReadAsync(StoreKind.Local, thumbnail.StorageKey));
        Assert.Equal(ColorSpace.sRGB, decoded.ColorSpace);
        Assert.Equal(8u, decoded.Depth);
        if (kind == "heic")
        {
            Assert.Equal(PhotoFormat.Heif, saved.Format);
            Assert.Equal((1200, 800), (saved.Width, saved.Height));
            Assert.Contains(saved.Variants, v => v.Format == PhotoFormat.Jpeg);
        }
    }

    [Fact]
    public async Task AnimatedGifIsRenderedFromItsFirstFrameAndKeepsItsAnimationInTheOriginal()
    {
        var bytes = TestImages.AnimatedGif(300, 200, frames: 3);
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, "spinner.gif");

        await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.Equal(PhotoStatus.Complete, saved.Status);
        Assert.True(saved.Animated);
        var gif = saved.Variants.Single(v => v is { Kind: PhotoVariantKind.Display, Format: PhotoFormat.Gif });
        using var frames = new MagickImageCollection(await fixture.ReadAsync(StoreKind.Local, gif.StorageKey));
        Assert.Single(frames);
        Assert.Equal(0.2, saved.FocalPointX, 1);
        using var original = new MagickImageCollection(await fixture.ReadAsync(StoreKind.Local, saved.OriginalKey));
        Assert.Equal(3, original.Count);
    }

    [Fact]
    public async Task EnormousExifIsReadWithItsJsonBounded()
    {
        var comment = new string('x', 60_000);
        var bytes = TestImages.WithExif(TestImages.Jpeg(500, 400, subjectY: 0.8), ".jpg", $"UserComment={comment}", $"ImageDescription={comment}", "Make=Huge");
        Assert.True(bytes.Length > 100_000);
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, "huge-exif.jpg");

        await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.Equal(PhotoStatus.Complete, saved.Status);
        Assert.Equal("Huge", saved.CameraMake);
        Assert.True(saved.Exif!.Length < 20_000, $"EXIF JSON is {saved.Exif.Length} characters");
        Assert.Contains("characters in all", saved.Exif);
    }

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task TruncatedJpegIsRejectedWithTheReasonAndNothingIsLeftInStorage(StoreKind store)
    {
        var whole = TestImages.Jpeg(1600, 1200, subjectX: Random.Shared.NextDouble(), stripes: true);
        var photo = await fixture.UploadAsync(store, whole[..(whole.Length / 2)], "cut.jpg");

        var outcome = await fixture.Processor(store).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.Equal(PhotoProcessingOutcome.Rejected, outcome);
        Assert.Equal(PhotoStatus.Failed, saved.Status);
        Assert.Contains("damaged or incomplete", saved.FailureReason);
        Assert.Empty(saved.Variants);
        Assert.Empty(await fixture.StoredKeysAsync(store, photo.Id));
    }

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task DecompressionBombIsRejectedBeforeDecodingAndNothingIsLeftInStorage(StoreKind store)
    {
        var bomb = TestImages.Unique(TestImages.PngBomb(50_000));
        Assert.True(bomb.Length < 1_000_000, $"the bomb is {bomb.Length} bytes on disk");
        var photo = await fixture.UploadAsync(store, bomb, "bomb.png");
        var memoryBefore = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;

        var outcome = await fixture.Processor(store).ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.Equal(PhotoProcessingOutcome.Rejected, outcome);
        Assert.True(saved.FailureReason?.Contains("50,000 × 50,000") == true, saved.FailureReason);
        Assert.Empty(await fixture.StoredKeysAsync(store, photo.Id));
        Assert.True(System.Diagnostics.Process.GetCurrentProcess().WorkingSet64 - memoryBefore < 200_000_000);
    }

    [Fact]
    public async Task BombUnderTheDeclaredLimitsStillCannotTakeTheMemory()
    {
        // 20,000² passes a limit of 30,000 a side only if the pixel limit is raised; ImageMagick's memory limit then stops it.
        var options = new PhotoOptions { MaxImagePixels = 1_000_000_000, MaxDecodeMemoryBytes = 256L * 1024 * 1024 };
        var renderer = new PhotoRenderer(Microsoft.Extensions.Options.Options.Create(options));
        try
        {
            var photo = await fixture.UploadAsync(StoreKind.Local, TestImages.PngBomb(20_000), "bomb2.png");
            var outcome = await fixture.Processor(StoreKind.Local, renderer).ProcessAsync(photo.Id);

            var saved = await LoadAsync(photo.Id);
            Assert.Equal(PhotoProcessingOutcome.Rejected, outcome);
            Assert.True(saved.FailureReason?.Contains("more memory or pixels") == true, saved.FailureReason);
        }
        finally
        {
            // The limits are per process: put back the ones the other tests expect.
            _ = new PhotoRenderer(Microsoft.Extensions.Options.Options.Create(fixture.Options));
        }
    }

    [Fact]
    public async Task ManualFocalPointSurvivesReprocessingAndMovesTheThumbnail()
    {
        var photo = await fixture.UploadAsync(StoreKind.Local, TestImages.Jpeg(1600, 800, subjectX: 0.1, subjectY: 0.5), "pan.jpg");
        var processor = fixture.Processor(StoreKind.Local);
        await processor.ProcessAsync(photo.Id);
        var firstThumbnail = await ThumbnailAsync(photo.Id);

        await using (var db = fixture.CreateContext())
        {
            var tracked = await db.Photos.SingleAsync(p => p.Id == photo.Id);
            tracked.SetManualFocalPoint(new FocalPoint(0.9, 0.5));
            await db.SaveChangesAsync();
        }

        await processor.ProcessAsync(photo.Id);

        var saved = await LoadAsync(photo.Id);
        Assert.True(saved.FocalPointManual);
        Assert.Equal(0.9, saved.FocalPointX);
        Assert.NotEqual(firstThumbnail, await ThumbnailAsync(photo.Id));
        Assert.Equal(10, (await fixture.StoredKeysAsync(StoreKind.Local, photo.Id)).Count);
        Assert.Equal(9, saved.Variants.Count);
    }

    [Fact]
    public async Task MissingPhotoIsReportedAsNotFound() =>
        Assert.Equal(PhotoProcessingOutcome.NotFound, await fixture.Processor(StoreKind.Local).ProcessAsync(Guid.NewGuid()));

    /// <summary>exiftool writes some numbers as JSON strings ("0.004"), others as numbers.</summary>
    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : value.GetDouble();

    private async Task<byte[]> ThumbnailAsync(Guid photoId)
    {
        var saved = await LoadAsync(photoId);
        var key = saved.Variants.Single(v => v is { Kind: PhotoVariantKind.Thumbnail, Format: PhotoFormat.Jpeg }).StorageKey;
        return await fixture.ReadAsync(StoreKind.Local, key);
    }

    private async Task<Photo> LoadAsync(Guid photoId)
    {
        await using var db = fixture.CreateContext();
        return await db.Photos.Include(p => p.Variants).AsNoTracking().SingleAsync(p => p.Id == photoId);
    }
}
