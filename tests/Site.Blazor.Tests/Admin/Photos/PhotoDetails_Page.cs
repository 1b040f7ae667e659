using Bunit;
using Microsoft.EntityFrameworkCore;
using Site.Blazor.Components.Pages.Admin.Photos;
using Site.Data.Photos;
using Site.Domain.Photos;

namespace Site.Blazor.Tests.Admin.Photos;

/// <summary>The photo page on a planted, processed photo: everything the admin needs to judge it is on it.</summary>
public sealed class PhotoDetails_Page : IAsyncLifetime
{
    private readonly PhotoAdminContext _context = new();

    /// <summary>Each step waits on PostgreSQL; a busy machine can take seconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public Task InitializeAsync() => _context.InitializeAsync();

    public Task DisposeAsync() => _context.DisposeAsync();

    [Fact]
    public async Task ShowsEveryVariantWithItsSize_TheSaliencyMap_SimilarPhotos_ExifAndAMapLink()
    {
        var photo = Processed("harbour.jpg", 0x0F0F_0F0F_0F0F_0F0F);
        photo.GpsLatitude = 59.3293;
        photo.GpsLongitude = 18.0686;
        photo.Exif = """{"Exif IFD0": {"Make": "Fujifilm", "Model": "X100V"}}""";
        photo.CameraMake = "Fujifilm";
        photo.CameraModel = "X100V";
        photo.Aperture = "f/2.8";
        var lookalike = Processed("harbour-small.jpg", 0x0F0F_0F0F_0F0F_0F0E);
        var unlike = Processed("forest.jpg", unchecked((long)0xF0F0_F0F0_F0F0_F0F0));
        await _context.PlantAsync(photo, lookalike, unlike);

        var page = _context.Bunit.Render<PhotoDetails>(p => p.Add(c => c.PhotoId, photo.Id));

        page.WaitForAssertion(() =>
        {
            var variants = page.FindAll("[data-test=variant]").Select(r => r.TextContent).ToList();
            Assert.Equal(4, variants.Count);
            Assert.Contains(variants, v => v.Contains("Display", StringComparison.Ordinal) && v.Contains("1080 × 720", StringComparison.Ordinal) && v.Contains("1.5 MB", StringComparison.Ordinal));
            Assert.Contains(variants, v => v.Contains("SaliencyMap", StringComparison.Ordinal) && v.Contains("2 KB", StringComparison.Ordinal));
            Assert.Equal("64", page.Find("img[data-test=saliency]").GetAttribute("width"));
            Assert.NotNull(page.Find("[data-test=focal-picker] img"));
            var similar = Assert.Single(page.FindAll("[data-test=similar]"));
            Assert.Contains("harbour-small.jpg", similar.TextContent, StringComparison.Ordinal);
            Assert.Contains("1 bits apart", similar.TextContent, StringComparison.Ordinal);
            Assert.Contains("Fujifilm X100V", page.Markup, StringComparison.Ordinal);
            Assert.Contains("f/2.8", page.Markup, StringComparison.Ordinal);
            Assert.Contains("X100V", page.Find("pre.photo-exif").TextContent, StringComparison.Ordinal);
            Assert.StartsWith("https://www.openstreetmap.org/?mlat=59.3293&mlon=18.0686", page.Find("[data-test=map-link]").GetAttribute("href"), StringComparison.Ordinal);
        }, Patience);
    }

    [Fact]
    public async Task APhotoWithoutGpsHasNoMapLink_AndAnUnknownPhotoSaysSo()
    {
        var photo = Processed("indoors.jpg", 0x1234);
        await _context.PlantAsync(photo);

        var page = _context.Bunit.Render<PhotoDetails>(p => p.Add(c => c.PhotoId, photo.Id));
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-test=variant]").Count), Patience);
        Assert.Empty(page.FindAll("[data-test=map-link]"));

        var missing = _context.Bunit.Render<PhotoDetails>(p => p.Add(c => c.PhotoId, Guid.NewGuid()));
        missing.WaitForAssertion(() => Assert.NotNull(missing.Find("[data-test=not-found]")), Patience);
    }

    [Fact]
    public async Task AClickOnThePictureSavesTheFocalPointWhereItLanded_AndQueuesTheRecut()
    {
        var photo = Processed("portrait.jpg", 0x5555);
        await _context.PlantAsync(photo);
        var page = _context.Bunit.Render<PhotoDetails>(p => p.Add(c => c.PhotoId, photo.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-test=focal-picker]")), Patience);

        // The picker is 600 px wide and as tall as the 3:2 preview: 400 px.
        page.Find("[data-test=focal-picker]").Click(new Microsoft.AspNetCore.Components.Web.MouseEventArgs { OffsetX = 150, OffsetY = 300 });

        page.WaitForAssertion(() => Assert.Contains("Focal point saved", page.Find("[data-test=message]").TextContent, StringComparison.Ordinal), Patience);
        await using var db = _context.Database.CreateContext();
        var saved = await db.Photos.AsNoTracking().SingleAsync(p => p.Id == photo.Id);
        Assert.Equal((0.25, 0.75, true), (saved.FocalPointX, saved.FocalPointY, saved.FocalPointManual));
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Type == ProcessPhoto.Definition.Type && j.DebounceKey == photo.Id.ToString("D")));
    }

    private static Photo Processed(string fileName, long hash)
    {
        var row = PhotoAdminContext.Row(DateTimeOffset.UtcNow);
        var photo = new Photo
        {
            Id = row.Id,
            OriginalFileName = fileName,
            OriginalKey = row.OriginalKey,
            Format = PhotoFormat.Jpeg,
            SizeBytes = 5_000_000,
            Sha256 = row.Sha256,
            UploadedAt = row.UploadedAt,
            Status = PhotoStatus.Complete,
            Width = 3000,
            Height = 2000,
        };
        photo.SetPerceptualHash(hash);
        photo.Variants.AddRange(
        [
            Variant(photo.Id, PhotoVariantKind.Display, PhotoFormat.Jpeg, 1080, 720, 1_572_864),
            Variant(photo.Id, PhotoVariantKind.Display, PhotoFormat.WebP, 1080, 720, 900_000),
            Variant(photo.Id, PhotoVariantKind.Thumbnail, PhotoFormat.Jpeg, 400, 300, 40_000),
            Variant(photo.Id, PhotoVariantKind.SaliencyMap, PhotoFormat.Png, 64, 43, 2048),
        ]);
        return photo;
    }

    private static PhotoVariant Variant(Guid photoId, PhotoVariantKind kind, PhotoFormat format, int width, int height, long size) => new()
    {
        StorageKey = PhotoStorageKeys.Variant(photoId, kind, new PixelSize(width, height), format),
        PhotoId = photoId,
        Kind = kind,
        Format = format,
        Width = width,
        Height = height,
        SizeBytes = size,
    };
}
