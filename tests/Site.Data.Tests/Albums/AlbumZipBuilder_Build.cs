using System.Diagnostics;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Site.Data.Albums;
using Site.Data.Storage;
using Site.Data.Tests.Photos;
using Site.Domain.Albums;

namespace Site.Data.Tests.Albums;

public class AlbumZipBuilder_Build(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task TheZipHoldsTheOriginals_InDisplayOrder_NumberedAndUnique_Uncompressed(StoreKind kind)
    {
        var kit = new AlbumTestKit(fixture, kind);
        // Over one S3 part in total, so the S3 run goes through a multipart upload.
        var (a, aBytes) = await kit.PhotoAsync("IMG_1.jpg", 5 * 1024 * 1024);
        var (b, bBytes) = await kit.PhotoAsync("img_1.JPG", 4 * 1024 * 1024);
        var (c, cBytes) = await kit.PhotoAsync("../sunset.jpg", 10);
        var id = await kit.AlbumAsync("Zip " + kind, [c, a, b]);

        Assert.Equal(AlbumZipOutcome.Built, await kit.Zips.BuildAsync(id));

        var (album, zip) = await ReadZipAsync(kind, id);
        Assert.Equal(AlbumZipStatus.Ready, album.ZipStatus);
        Assert.Equal(zip.Length, album.ZipSizeBytes);
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(["001_sunset.jpg", "002_IMG_1.jpg", "003_img_1.JPG"], archive.Entries.Select(e => e.FullName));
        foreach (var (entry, bytes) in archive.Entries.Zip([cBytes, aBytes, bBytes]))
        {
            Assert.Equal(entry.Length, entry.CompressedLength);
            using var content = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(content);
            }

            Assert.Equal(bytes, content.ToArray());
        }

        AssertUnzipAccepts(zip);
    }

    [Fact]
    public async Task AnUnchangedAlbumIsNotRebuilt_AReorderedOneIs_AndTheOldZipIsDeleted()
    {
        var kit = new AlbumTestKit(fixture);
        var (a, _) = await kit.PhotoAsync("a.jpg");
        var (b, _) = await kit.PhotoAsync("b.jpg");
        var id = await kit.AlbumAsync("Rebuild", [a, b]);
        Assert.Equal(AlbumZipOutcome.Built, await kit.Zips.BuildAsync(id));
        var (first, _) = await ReadZipAsync(StoreKind.Local, id);

        Assert.Equal(AlbumZipOutcome.Unchanged, await kit.Zips.BuildAsync(id));
        // A new title does not change what the ZIP holds: nothing to rebuild, and "Download all" stays.
        Assert.True((await kit.Editor.SaveAsync(id, new AlbumDraft("Rebuild renamed", null, null, false, true, null, [new(a.Id, false), new(b.Id, false)]))).Saved);
        Assert.Equal(AlbumZipStatus.Ready, (await ReadZipAsync(StoreKind.Local, id)).Album.ZipStatus);

        Assert.True((await kit.Editor.SaveAsync(id, new AlbumDraft("Rebuild", null, null, false, true, null, [new(b.Id, false), new(a.Id, false)]))).Saved);
        Assert.Equal(AlbumZipOutcome.Built, await kit.Zips.BuildAsync(id));
        var (second, zip) = await ReadZipAsync(StoreKind.Local, id);

        Assert.NotEqual(first.ZipKey, second.ZipKey);
        Assert.Null(await fixture.Store(StoreKind.Local).GetInfoAsync(first.ZipKey!));
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(["001_b.jpg", "002_a.jpg"], archive.Entries.Select(e => e.FullName));
    }

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task ABuildKilledMidUpload_OffersNoZip_AndTheNextAttemptMakesAValidOne(StoreKind kind)
    {
        var kit = new AlbumTestKit(fixture, kind);
        var (a, _) = await kit.PhotoAsync("killed-a.jpg", 6 * 1024 * 1024);
        var (b, _) = await kit.PhotoAsync("killed-b.jpg", 6 * 1024 * 1024);
        var id = await kit.AlbumAsync("Killed " + kind, [a, b]);
        using var kill = new CancellationTokenSource();
        var store = new KillAfterBytes(fixture.Store(kind), 9 * 1024 * 1024, kill);
        var dying = new AlbumZipBuilder(fixture.Database.CreateContextFactory(), store, kit.Clock, NullLogger<AlbumZipBuilder>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.BuildAsync(id, cancellationToken: kill.Token));

        await using (var db = fixture.CreateContext())
        {
            var album = await db.Albums.AsNoTracking().SingleAsync(x => x.Id == id);
            Assert.False(album.ZipReady);
            Assert.Null(album.ZipKey);
        }

        await foreach (var leftover in fixture.Store(kind).ListAsync($"albums/{id:D}/"))
        {
            Assert.Fail($"A partial ZIP was left in storage: {leftover.Key}");
        }

        Assert.Equal(AlbumZipOutcome.Built, await kit.Zips.BuildAsync(id));
        var (_, zip) = await ReadZipAsync(kind, id);
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(2, archive.Entries.Count);
        AssertUnzipAccepts(zip);
    }

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task AMissingOriginal_FailsTheBuild_WithTheReason_AndLeavesNoPartialZip(StoreKind kind)
    {
        var kit = new AlbumTestKit(fixture, kind);
        var (a, _) = await kit.PhotoAsync("present.jpg", 2 * 1024 * 1024);
        var (b, _) = await kit.PhotoAsync("gone.jpg");
        var id = await kit.AlbumAsync("Missing original " + kind, [a, b]);
        await fixture.Store(kind).DeleteAsync(b.OriginalKey);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => kit.Zips.BuildAsync(id));

        Assert.Contains(b.Id.ToString(), failure.Message);
        await using var db = fixture.CreateContext();
        var album = await db.Albums.AsNoTracking().SingleAsync(x => x.Id == id);
        Assert.Equal(AlbumZipStatus.Failed, album.ZipStatus);
        Assert.Contains("missing", album.ZipError);
        await foreach (var leftover in fixture.Store(kind).ListAsync($"albums/{id:D}/"))
        {
            Assert.Fail($"A partial ZIP was left in storage: {leftover.Key}");
        }
    }

    [Fact]
    public async Task AnAlbumWithoutDownloadsOrPhotos_GetsNoZip()
    {
        var kit = new AlbumTestKit(fixture);
        var (a, _) = await kit.PhotoAsync("nodl.jpg");
        var noDownloads = await kit.AlbumAsync("No downloads", [a], allowDownloads: false);
        var empty = await kit.AlbumAsync("Empty", []);

        Assert.Equal(AlbumZipOutcome.NoZip, await kit.Zips.BuildAsync(noDownloads));
        Assert.Equal(AlbumZipOutcome.NoZip, await kit.Zips.BuildAsync(empty));
        Assert.Equal(AlbumZipOutcome.NoZip, await kit.Zips.BuildAsync(Guid.NewGuid()));
    }

    private async Task<(Album Album, byte[] Zip)> ReadZipAsync(StoreKind kind, Guid albumId)
    {
        await using var db = fixture.CreateContext();
        var album = await db.Albums.AsNoTracking().SingleAsync(a => a.Id == albumId);
        Assert.NotNull(album.ZipKey);
        await using var read = await fixture.Store(kind).GetAsync(album.ZipKey!);
        Assert.NotNull(read);
        Assert.Equal(ObjectVisibility.Private, read.Info.Visibility);
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy);
        return (album, copy.ToArray());
    }

    private static void AssertUnzipAccepts(byte[] zip)
    {
        if (!File.Exists("/usr/bin/unzip"))
        {
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), $"album-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, zip);
        try
        {
            using var unzip = Process.Start(new ProcessStartInfo("/usr/bin/unzip", ["-t", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = unzip.StandardOutput.ReadToEnd() + unzip.StandardError.ReadToEnd();
            unzip.WaitForExit();
            Assert.True(unzip.ExitCode == 0, output);
            Assert.Contains("No errors detected", output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Storage that kills the build (as a host dying would) once an upload has taken some bytes.</summary>
    private sealed class KillAfterBytes(IObjectStorage inner, long limit, CancellationTokenSource kill) : IObjectStorage
    {
        public Task<StoredObjectInfo> PutAsync(string key, Stream content, string contentType, ObjectVisibility visibility, CancellationToken cancellationToken = default) =>
            inner.PutAsync(key, new Tripwire(content, limit, kill), contentType, visibility, cancellationToken);

        public Task<ObjectReadResult?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task<ObjectReadResult?> GetRangeAsync(string key, long start, long length, CancellationToken cancellationToken = default) => inner.GetRangeAsync(key, start, length, cancellationToken);

        public Task<StoredObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

        public IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public Uri GetPublicUrl(string key) => inner.GetPublicUrl(key);

        public Uri GetSignedUrl(string key, TimeSpan lifetime) => inner.GetSignedUrl(key, lifetime);

        private sealed class Tripwire(Stream inner, long limit, CancellationTokenSource kill) : Stream
        {
            private long _read;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => _read; set => throw new NotSupportedException(); }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (_read >= limit)
                {
                    await kill.CancelAsync();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var read = await inner.ReadAsync(buffer, cancellationToken);
                _read += read;
                return read;
            }

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
