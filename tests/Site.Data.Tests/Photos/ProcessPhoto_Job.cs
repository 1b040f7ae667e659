using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Site.Data.Albums;
using Site.Data.Configuration;
using Site.Data.Jobs;
using Site.Data.Photos;
using Site.Domain.Photos;

namespace Site.Data.Tests.Photos;

[Collection(PhotoRenderingCollection.Name)]
public class ProcessPhoto_Job(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    private static readonly JobRunContext FirstAttempt = new(1, 1, 1);

    [Fact]
    public async Task AStatusChangeIsAnnouncedWithThePhotosId_FromUploadToComplete()
    {
        var activity = new PhotoActivity();
        var seen = new ConcurrentQueue<Guid?>();
        activity.Changed += seen.Enqueue;
        using var listener = new PhotoActivityListener(
            Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { ConnectionString = fixture.Database.ConnectionString }),
            activity, NullLogger<PhotoActivityListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            // The listener announces its connection with a null: from then on nothing is missed.
            await WaitUntilAsync(() => seen.Contains(null));
            var photo = await fixture.UploadAsync(StoreKind.Local, TestImages.Unique(TestImages.Jpeg(640, 480)), "live.jpg");
            await new ProcessPhotoHandler(fixture.Processor(StoreKind.Local), fixture.Database.CreateContextFactory(), TimeProvider.System).RunAsync(new ProcessPhoto(photo.Id), FirstAttempt, CancellationToken.None);

            // Inserted (pending), processing, complete: one notice each.
            await WaitUntilAsync(() => seen.Count(id => id == photo.Id) >= 3);
            Assert.Equal(3, seen.Count(id => id == photo.Id));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ARejectedFileCompletesTheJob_SoItIsNotRetried_AndThePhotoSaysWhy()
    {
        var truncated = TestImages.Unique(TestImages.Jpeg(640, 480))[..300];
        var photo = await fixture.UploadAsync(StoreKind.Local, truncated, "truncated.jpg");

        await new ProcessPhotoHandler(fixture.Processor(StoreKind.Local), fixture.Database.CreateContextFactory(), TimeProvider.System).RunAsync(new ProcessPhoto(photo.Id), FirstAttempt, CancellationToken.None);

        await using var db = fixture.CreateContext();
        var saved = await db.Photos.AsNoTracking().SingleAsync(p => p.Id == photo.Id);
        Assert.Equal(PhotoStatus.Failed, saved.Status);
        Assert.False(string.IsNullOrWhiteSpace(saved.FailureReason));
        // Its search row follows it (here: is removed, should an earlier run have added one).
        Assert.True(await db.Jobs.AnyAsync(j => j.Type == "search.update-index" && j.DebounceKey == "photo-" + photo.Id.ToString("D")));
    }

    [Fact]
    public async Task APhotoThatFailsInAnAlbumWithDownloads_QueuesThatAlbumsZip_AndNoOtherAlbums()
    {
        var truncated = TestImages.Unique(TestImages.Jpeg(640, 480))[..300];
        var photo = await fixture.UploadAsync(StoreKind.Local, truncated, "in-an-album.jpg");
        var now = DateTimeOffset.UtcNow;
        Album NewAlbum(bool downloads) => new()
        {
            Id = Guid.NewGuid(), Title = "Album", Slug = "album-" + Guid.NewGuid().ToString("N"), AllowDownloads = downloads, CreatedAt = now, UpdatedAt = now,
        };
        var withDownloads = NewAlbum(true);
        var withoutDownloads = NewAlbum(false);
        var elsewhere = NewAlbum(true);
        await using (var setup = fixture.CreateContext())
        {
            setup.Albums.AddRange(withDownloads, withoutDownloads, elsewhere);
            setup.AlbumPhotos.AddRange(
                new AlbumPhoto { AlbumId = withDownloads.Id, PhotoId = photo.Id, AddedAt = now },
                new AlbumPhoto { AlbumId = withoutDownloads.Id, PhotoId = photo.Id, AddedAt = now });
            await setup.SaveChangesAsync();
        }

        await new ProcessPhotoHandler(fixture.Processor(StoreKind.Local), fixture.Database.CreateContextFactory(), TimeProvider.System).RunAsync(new ProcessPhoto(photo.Id), FirstAttempt, CancellationToken.None);

        // The ZIP still holds the photo's original, which processing deleted: the album builds it again, after the
        // usual quiet time; an album without downloads has no ZIP, and other albums are not touched.
        await using var db = fixture.CreateContext();
        var zipJobs = await db.Jobs.AsNoTracking().Where(j => j.Type == BuildAlbumZip.Definition.Type).ToListAsync();
        var queued = Assert.Single(zipJobs, j => j.DebounceKey == withDownloads.Id.ToString("D"));
        Assert.True(queued.RunAt > now + AlbumEditor.ZipDelay - TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(zipJobs, j => j.DebounceKey == withoutDownloads.Id.ToString("D") || j.DebounceKey == elsewhere.Id.ToString("D"));
    }

    [Fact]
    public async Task APhotoDeletedSinceItWasQueuedCompletesTheJob() =>
        await new ProcessPhotoHandler(fixture.Processor(StoreKind.Local), fixture.Database.CreateContextFactory(), TimeProvider.System).RunAsync(new ProcessPhoto(Guid.NewGuid()), FirstAttempt, CancellationToken.None);

    [Fact]
    public void TheJobTypeIsValidAndRunsOnTheDefaultQueue()
    {
        Assert.Null(ProcessPhoto.Definition.Problem());
        Assert.Equal(Domain.Jobs.JobQueues.Default, ProcessPhoto.Definition.Queue);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for photo notifications.");
            await Task.Delay(50);
        }
    }
}
