using Microsoft.EntityFrameworkCore;
using Site.Data.Albums;
using Site.Data.Jobs;
using Site.Data.Tests.Photos;
using Site.Domain.Albums;

namespace Site.Data.Tests.Albums;

public class AlbumEditor_Save(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    private readonly AlbumTestKit _kit = new(fixture);

    private static AlbumDraft Draft(string title, string? slug = null, params Guid[] photos) =>
        new(title, slug, null, false, true, null, photos.Select(p => new AlbumPhotoPlacement(p, false)).ToList());

    [Fact]
    public async Task SlugsComeFromTheTitle_AndClashesGetTheNextNumber()
    {
        var title = "Harbour Walk " + Guid.NewGuid().ToString("N")[..6];
        var first = await _kit.Editor.SaveAsync(null, Draft(title));
        var second = await _kit.Editor.SaveAsync(null, Draft(title));
        var third = await _kit.Editor.SaveAsync(null, Draft(title));

        Assert.Equal(AlbumSlug.FromTitle(title), first.Slug);
        Assert.Equal(first.Slug + "-1", second.Slug);
        Assert.Equal(first.Slug + "-2", third.Slug);

        // Saving an album again keeps its own slug rather than counting itself as a clash.
        var again = await _kit.Editor.SaveAsync(second.AlbumId, Draft(title, second.Slug));
        Assert.Equal(second.Slug, again.Slug);
    }

    [Fact]
    public async Task AChosenSlugThatIsTaken_IsExplained_AndNothingIsSaved()
    {
        var taken = await _kit.Editor.SaveAsync(null, Draft("Taken " + Guid.NewGuid().ToString("N")[..6]));
        var (photo, _) = await _kit.PhotoAsync("clash.jpg");
        await using var db = fixture.CreateContext();
        var before = await db.Albums.CountAsync();

        var result = await _kit.Editor.SaveAsync(null, Draft("Another", taken.Slug, photo.Id));

        Assert.False(result.Saved);
        Assert.Contains("already used", result.Problems["Slug"]);
        Assert.Equal(before, await db.Albums.CountAsync());
        Assert.False(await db.AlbumPhotos.AnyAsync(p => p.PhotoId == photo.Id));
    }

    [Theory]
    [InlineData("", null, "Title")]
    [InlineData("   ", null, "Title")]
    [InlineData("Fine", "Not A Slug", "Slug")]
    [InlineData("Fine", "../../admin", "Slug")]
    [InlineData("Fine", "<script>", "Slug")]
    public async Task HostileOrEmptyInput_IsRefusedByField_AndNothingIsSaved(string title, string? slug, string field)
    {
        await using var db = fixture.CreateContext();
        var before = await db.Albums.CountAsync();

        var result = await _kit.Editor.SaveAsync(null, Draft(title, slug));

        Assert.False(result.Saved);
        Assert.True(result.Problems.ContainsKey(field));
        Assert.Equal(before, await db.Albums.CountAsync());
    }

    [Fact]
    public async Task UnknownOrRepeatedPhotos_AndAForeignCover_AreRefused()
    {
        var (photo, _) = await _kit.PhotoAsync("one.jpg");
        Assert.Contains("no longer exist", (await _kit.Editor.SaveAsync(null, Draft("Ghosts", null, Guid.NewGuid()))).Problems["Photos"]);
        Assert.Contains("only once", (await _kit.Editor.SaveAsync(null, Draft("Twice", null, photo.Id, photo.Id))).Problems["Photos"]);
        var foreignCover = Draft("Cover", null, photo.Id) with { CoverPhotoId = Guid.NewGuid() };
        Assert.True((await _kit.Editor.SaveAsync(null, foreignCover)).Problems.ContainsKey("Cover"));
    }

    [Fact]
    public async Task PhotosKeepTheEditorsOrderAndFlags()
    {
        var (a, _) = await _kit.PhotoAsync("a.jpg");
        var (b, _) = await _kit.PhotoAsync("b.jpg");
        var (c, _) = await _kit.PhotoAsync("c.jpg");
        var id = await _kit.AlbumAsync("Order", [a, b, c]);

        var draft = new AlbumDraft("Order", null, null, false, true, c.Id, [new(c.Id, true), new(a.Id, false)]);
        Assert.True((await _kit.Editor.SaveAsync(id, draft)).Saved);

        await using var db = fixture.CreateContext();
        var placed = await db.AlbumPhotos.AsNoTracking().Where(p => p.AlbumId == id).OrderBy(p => p.DisplayOrder).ToListAsync();
        Assert.Equal([(c.Id, true), (a.Id, false)], placed.Select(p => (p.PhotoId, p.Featured)));
        Assert.Equal(c.Id, (await db.Albums.SingleAsync(x => x.Id == id)).CoverPhotoId);
    }

    [Fact]
    public async Task ABurstOfEdits_QueuesOneZipBuild_ThirtySecondsAfterTheLast()
    {
        var (photo, _) = await _kit.PhotoAsync("debounce.jpg");
        var id = await _kit.AlbumAsync("Debounce", [photo]);
        var firstRunAt = await PendingZipRunAtAsync(id);
        Assert.Equal(_kit.Clock.GetUtcNow() + AlbumEditor.ZipDelay, firstRunAt, TimeSpan.FromSeconds(1));

        _kit.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await _kit.Editor.SaveAsync(id, new AlbumDraft("Debounce", null, "changed", false, true, null, [new(photo.Id, true)]))).Saved);
        Assert.True(await _kit.Editor.SetSwitchesAsync(id, isPrivate: true, allowDownloads: null));

        await using var db = fixture.CreateContext();
        var pending = await db.Jobs.AsNoTracking()
            .Where(j => j.Type == BuildAlbumZip.Definition.Type && j.DebounceKey == id.ToString("D") && j.Status == JobStatus.Pending)
            .ToListAsync();
        var job = Assert.Single(pending);
        Assert.Equal(_kit.Clock.GetUtcNow() + AlbumEditor.ZipDelay, job.RunAt, TimeSpan.FromSeconds(1));
        Assert.Equal(AlbumZipStatus.Pending, (await db.Albums.SingleAsync(a => a.Id == id)).ZipStatus);
    }

    [Fact]
    public async Task TurningDownloadsOff_DeletesTheZip_AndQueuesNoBuild()
    {
        var (photo, _) = await _kit.PhotoAsync("off.jpg");
        var id = await _kit.AlbumAsync("Downloads off", [photo]);
        Assert.Equal(AlbumZipOutcome.Built, await _kit.Zips.BuildAsync(id));
        await using var db = fixture.CreateContext();
        var key = (await db.Albums.AsNoTracking().SingleAsync(a => a.Id == id)).ZipKey!;
        Assert.NotNull(await fixture.Store(StoreKind.Local).GetInfoAsync(key));
        await db.Jobs.Where(j => j.DebounceKey == id.ToString("D")).ExecuteDeleteAsync();

        Assert.True(await _kit.Editor.SetSwitchesAsync(id, null, allowDownloads: false));

        var album = await db.Albums.AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.Equal((AlbumZipStatus.None, (string?)null), (album.ZipStatus, album.ZipKey));
        Assert.Null(await fixture.Store(StoreKind.Local).GetInfoAsync(key));
        Assert.False(await db.Jobs.AnyAsync(j => j.DebounceKey == id.ToString("D")));
    }

    private async Task<DateTimeOffset> PendingZipRunAtAsync(Guid albumId)
    {
        await using var db = fixture.CreateContext();
        return await db.Jobs.AsNoTracking()
            .Where(j => j.Type == BuildAlbumZip.Definition.Type && j.DebounceKey == albumId.ToString("D") && j.Status == JobStatus.Pending)
            .Select(j => j.RunAt).SingleAsync();
    }
}
