using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Site.Data.Photos;
using Site.Domain.Photos;

namespace Site.Data.Tests.Photos;

/// <summary>
/// The admin's photo list: paging, date ranges and near duplicates, on a database of this class's own. Only the
/// near-duplicate test processes photos, so the pairs in this database are its own.
/// </summary>
[Collection(PhotoRenderingCollection.Name)]
public class PhotoLibrary_List(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    private PhotoLibrary Library => new(fixture.Database.CreateContextFactory());

    [Fact]
    public async Task PagesHoldTheNewestFirst_AndAPageOutsideTheListShowsTheNearestEnd()
    {
        var camera = Camera();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = await PlantAsync(Enumerable.Range(0, 120).Select(i => Row(camera, start.AddMinutes(i))).ToArray());
        var newestFirst = ids.AsEnumerable().Reverse().ToList();
        var filter = Filter(camera);

        var first = await Library.ListAsync(filter, page: 1);
        var third = await Library.ListAsync(filter, page: 3);

        Assert.Equal(newestFirst.Take(50), first.Photos.Select(p => p.Id));
        Assert.Equal((1, 3, 120), (first.Paging.Page, first.Paging.PageCount, first.Paging.TotalCount));
        Assert.Equal(newestFirst.Skip(100), third.Photos.Select(p => p.Id));
        var beyond = await Library.ListAsync(filter, page: 99999);
        Assert.Equal(3, beyond.Paging.Page);
        Assert.Equal(third.Photos.Select(p => p.Id), beyond.Photos.Select(p => p.Id));
        var below = await Library.ListAsync(filter, page: -1);
        Assert.Equal(newestFirst.Take(50), below.Photos.Select(p => p.Id));
    }

    [Fact]
    public async Task PhotosUploadedAtTheSameInstantKeepOneOrderAcrossPages()
    {
        var camera = Camera();
        var instant = new DateTimeOffset(2025, 2, 1, 12, 0, 0, TimeSpan.Zero);
        var ids = await PlantAsync(Enumerable.Range(0, 7).Select(_ => Row(camera, instant)).ToArray());

        var seen = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            seen.AddRange((await Library.ListAsync(Filter(camera), page, pageSize: 3)).Photos.Select(p => p.Id));
        }

        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task UploadDaysAreUtcDays_TakenDaysAreTheCamerasDays_AndNoDateTakenIsOutsideEveryTakenRange()
    {
        var camera = Camera();
        var ids = await PlantAsync(
            Row(camera, new DateTimeOffset(2024, 3, 10, 23, 30, 0, TimeSpan.Zero), taken: new DateTime(2024, 3, 1, 10, 0, 0)),
            Row(camera, new DateTimeOffset(2024, 3, 11, 0, 0, 0, TimeSpan.Zero), taken: null),
            Row(camera, new DateTimeOffset(2024, 3, 12, 9, 0, 0, TimeSpan.FromHours(5)).ToUniversalTime(), taken: new DateTime(2024, 3, 2, 23, 59, 59)));
        var (lateOnTenth, noDateTaken, twelfth) = (ids[0], ids[1], ids[2]);

        Assert.Equal([lateOnTenth], await ListedAsync(camera, PhotoDateField.Uploaded, new(2024, 3, 10), new(2024, 3, 10)));
        Assert.Equal([twelfth, noDateTaken], await ListedAsync(camera, PhotoDateField.Uploaded, new(2024, 3, 11), null));
        Assert.Equal([twelfth, lateOnTenth], await ListedAsync(camera, PhotoDateField.Taken, new(2024, 3, 1), new(2024, 3, 2)));
        Assert.Equal([twelfth], await ListedAsync(camera, PhotoDateField.Taken, new(2024, 3, 2), null));
        Assert.Equal([lateOnTenth], await ListedAsync(camera, PhotoDateField.Taken, null, new(2024, 3, 1)));
        Assert.Empty(await ListedAsync(camera, PhotoDateField.Taken, new(2024, 3, 3), new(2024, 3, 31)));
        // The calendar's ends are valid days, not failures.
        Assert.Equal(3, (await ListedAsync(camera, PhotoDateField.Uploaded, DateOnly.MinValue, DateOnly.MaxValue)).Count);
    }

    [Fact]
    public async Task OnlyWithNearDuplicates_ListsPhotosProcessingPairedUp_AndForgetsAPairWhenOneIsDeleted()
    {
        var camera = Camera();
        var original = TestImages.WithExif(TestImages.Jpeg(1600, 1200, subjectX: 0.3, subjectY: 0.4, stripes: true), ".jpg", $"Make={camera}");
        using var smaller = new MagickImage(original);
        smaller.Resize(800, 600);
        smaller.Quality = 60;
        var different = TestImages.WithExif(TestImages.Jpeg(1600, 1200, subjectX: 0.8, subjectY: 0.8), ".jpg", $"Make={camera}");

        var first = await ProcessedAsync(original, "original.jpg");
        var copy = await ProcessedAsync(smaller.ToByteArray(MagickFormat.WebP), "copy.webp");
        var other = await ProcessedAsync(different, "other.jpg");

        var duplicates = await Library.ListAsync(new PhotoListFilter(DuplicatesOnly: true));
        Assert.Equal([copy.Id, first.Id], duplicates.Photos.Select(p => p.Id));
        Assert.All(duplicates.Photos, p => Assert.Equal(1, p.SimilarCount));
        var all = await Library.ListAsync(new PhotoListFilter(Camera: camera));
        Assert.Equal(0, Assert.Single(all.Photos, p => p.Id == other.Id).SimilarCount);

        await using (var db = fixture.CreateContext())
        {
            await db.Photos.Where(p => p.Id == copy.Id).ExecuteDeleteAsync();
        }

        Assert.Empty((await Library.ListAsync(new PhotoListFilter(DuplicatesOnly: true))).Photos);
        Assert.Equal(0, (await Library.ListAsync(new PhotoListFilter(Camera: camera))).Photos.Single(p => p.Id == first.Id).SimilarCount);
    }

    private async Task<List<Guid>> ListedAsync(string camera, PhotoDateField field, DateOnly? from, DateOnly? to) =>
        (await Library.ListAsync(new PhotoListFilter(Camera: camera, Dates: PhotoDateRange.Create(field, from, to)))).Photos.Select(p => p.Id).ToList();

    private async Task<Photo> ProcessedAsync(byte[] bytes, string name)
    {
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, name);
        Assert.Equal(PhotoProcessingOutcome.Complete, await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id));
        return photo;
    }

    // Rows of a camera no other test uses, so each test sees only its own photos through the camera filter.
    private static string Camera() => "Cam" + Guid.NewGuid().ToString("N")[..12];

    private static PhotoListFilter Filter(string camera) => new(Camera: camera);

    private static Photo Row(string camera, DateTimeOffset uploadedAt, DateTime? taken = null)
    {
        var id = Guid.NewGuid();
        return new Photo
        {
            Id = id,
            OriginalFileName = $"{id:N}.jpg",
            OriginalKey = PhotoStorageKeys.Prefix(id) + "original.jpg",
            Format = PhotoFormat.Jpeg,
            SizeBytes = 1000,
            Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            UploadedAt = uploadedAt,
            CameraMake = camera,
            TakenAt = taken,
        };
    }

    private async Task<List<Guid>> PlantAsync(params Photo[] photos)
    {
        await using var db = fixture.CreateContext();
        db.Photos.AddRange(photos);
        await db.SaveChangesAsync();
        return photos.Select(p => p.Id).ToList();
    }
}
