using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Site.Data.Albums;
using Site.Data.Photos;
using Site.Data.Tests.Photos;

namespace Site.Data.Tests.Albums;

/// <summary>The album services over a test class's database and stores, with a clock the test can move.</summary>
public sealed class AlbumTestKit(PhotoPipelineFixture fixture, StoreKind kind = StoreKind.Local)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public AlbumEditor Editor => new(fixture.Database.CreateContextFactory(), fixture.Store(kind), Clock, NullLogger<AlbumEditor>.Instance);

    public AlbumZipBuilder Zips => new(fixture.Database.CreateContextFactory(), fixture.Store(kind), Clock, NullLogger<AlbumZipBuilder>.Instance);

    public AlbumGallery Gallery => new(fixture.Database.CreateContextFactory(), Clock);

    /// <summary>
    /// A stored photo whose bytes are random behind a JPEG signature: the intake keeps it and the ZIP copies it
    /// byte for byte, which is all these tests need (nothing decodes it).
    /// </summary>
    public async Task<(Photo Photo, byte[] Bytes)> PhotoAsync(string fileName, int size = 64 * 1024)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        return (await fixture.UploadAsync(kind, bytes, fileName), bytes);
    }

    /// <summary>Creates an album with these photos, failing the test when it is refused.</summary>
    public async Task<Guid> AlbumAsync(string title, IEnumerable<Photo> photos, bool allowDownloads = true, bool isPrivate = false)
    {
        var result = await Editor.SaveAsync(null, new AlbumDraft(title, null, null, isPrivate, allowDownloads, null,
            photos.Select(p => new AlbumPhotoPlacement(p.Id, false)).ToList()));
        Assert.True(result.Saved, string.Join("; ", result.Problems.Values));
        return result.AlbumId!.Value;
    }
}
