using Microsoft.EntityFrameworkCore;
using Site.Data.Photos;
using Site.Data.Jobs;
using Site.Domain.Photos;

namespace Site.Data.Tests.Photos;

[Collection(PhotoRenderingCollection.Name)]
public class PhotoLibrary_Admin(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    private PhotoLibrary Library => new(fixture.Database.CreateContextFactory());

    [Fact]
    public async Task TheListFiltersByStatusAndCamera_AndCountsSimilarPhotos()
    {
        var scene = TestImages.Jpeg(800, 600, subjectX: 0.3);
        var original = await fixture.UploadAsync(StoreKind.Local, TestImages.WithExif(scene, ".jpg", "Make=ListCam", "Model=One"), "original.jpg");
        var copy = await fixture.UploadAsync(StoreKind.Local, TestImages.Unique(scene), "copy.jpg");
        var waiting = await fixture.UploadAsync(StoreKind.Local, TestImages.Unique(TestImages.Jpeg(640, 480, stripes: true)), "waiting.jpg");
        await fixture.Processor(StoreKind.Local).ProcessAsync(original.Id);
        await fixture.Processor(StoreKind.Local).ProcessAsync(copy.Id);

        var complete = (await Library.ListAsync(new PhotoListFilter(PhotoStatus.Complete))).Photos;
        var listed = Assert.Single(complete, p => p.Id == original.Id);
        Assert.Equal(("ListCam One", 800, 600), (listed.Camera, listed.Width, listed.Height));
        Assert.NotNull(listed.ThumbnailKey);
        Assert.True(listed.SimilarCount >= 1);
        Assert.DoesNotContain(complete, p => p.Id == waiting.Id);
        Assert.Contains((await Library.ListAsync(new PhotoListFilter(PhotoStatus.Pending))).Photos, p => p.Id == waiting.Id);
        Assert.Equal([original.Id], (await Library.ListAsync(new PhotoListFilter(Camera: "ListCam One"))).Photos.Select(p => p.Id));
        Assert.Contains("ListCam One", await Library.CamerasAsync());
    }

    [Fact]
    public async Task ChoosingAFocalPointKeepsItAndQueuesOneProcessingRun_EvenWhenChosenTwice()
    {
        var photo = await fixture.UploadAsync(StoreKind.Local, TestImages.Unique(TestImages.Jpeg(640, 480)), "focal.jpg");

        Assert.True(await Library.SetFocalPointAsync(photo.Id, new FocalPoint(0.2, 0.8)));
        Assert.True(await Library.SetFocalPointAsync(photo.Id, new FocalPoint(0.1, 0.9)));
        Assert.False(await Library.SetFocalPointAsync(Guid.NewGuid(), FocalPoint.Centre));

        await using var db = fixture.CreateContext();
        var saved = await db.Photos.AsNoTracking().SingleAsync(p => p.Id == photo.Id);
        Assert.True(saved.FocalPointManual);
        Assert.Equal((0.1, 0.9), (saved.FocalPointX, saved.FocalPointY));
        var queued = await db.Jobs.AsNoTracking()
            .Where(j => j.Type == ProcessPhoto.Definition.Type && j.Status == JobStatus.Pending && j.DebounceKey == photo.Id.ToString("D"))
            .CountAsync();
        Assert.Equal(1, queued);

        await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id);
        var processed = await Library.FindAsync(photo.Id);
        Assert.Equal((0.1, 0.9), (processed!.FocalPointX, processed.FocalPointY));
        Assert.NotEmpty(processed.Variants);
    }

    [Fact]
    public async Task ReprocessingQueuesEveryPhotoThatStillExists()
    {
        var first = await fixture.UploadAsync(StoreKind.Local, TestImages.Unique(TestImages.Jpeg(320, 240)), "a.jpg");
        var second = await fixture.UploadAsync(StoreKind.Local, TestImages.Unique(TestImages.Jpeg(320, 240)), "b.jpg");

        Assert.Equal(2, await Library.ReprocessAsync([first.Id, second.Id, Guid.NewGuid()]));

        await using var db = fixture.CreateContext();
        var keys = await db.Jobs.AsNoTracking().Where(j => j.Type == ProcessPhoto.Definition.Type).Select(j => j.DebounceKey).ToListAsync();
        Assert.Contains(first.Id.ToString("D"), keys);
        Assert.Contains(second.Id.ToString("D"), keys);
    }

    [Fact]
    public async Task ReprocessingAPhotoReplacesItsPairs_NeverDoublesThem()
    {
        var scene = TestImages.Jpeg(1200, 900, subjectX: 0.6, subjectY: 0.2, stripes: true);
        var a = await ProcessedAsync(TestImages.Unique(scene), "a.jpg");
        var b = await ProcessedAsync(TestImages.Unique(scene), "b.jpg");

        Assert.Equal(PhotoProcessingOutcome.Complete, await fixture.Processor(StoreKind.Local).ProcessAsync(a.Id));
        Assert.Equal(PhotoProcessingOutcome.Complete, await fixture.Processor(StoreKind.Local).ProcessAsync(b.Id));

        // Other tests' photos may look like these too; only the pair between the two is this test's.
        await using var db = fixture.CreateContext();
        var pairs = await db.PhotoSimilarities.AsNoTracking()
            .Where(s => (s.PhotoId == a.Id && s.SimilarPhotoId == b.Id) || (s.PhotoId == b.Id && s.SimilarPhotoId == a.Id))
            .Select(s => new { s.PhotoId, s.SimilarPhotoId, s.Distance })
            .ToListAsync();
        Assert.Equal(2, pairs.Count);
        Assert.Contains(pairs, p => p.PhotoId == a.Id && p.SimilarPhotoId == b.Id && p.Distance == 0);
        Assert.Contains(pairs, p => p.PhotoId == b.Id && p.SimilarPhotoId == a.Id && p.Distance == 0);
    }

    private async Task<Photo> ProcessedAsync(byte[] bytes, string name)
    {
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, name);
        Assert.Equal(PhotoProcessingOutcome.Complete, await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id));
        return photo;
    }
}
