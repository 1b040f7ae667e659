using System.IO.Compression;
using System.IO.Pipelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Data.Storage;
using Site.Domain.Albums;
using Site.Domain.Jobs;
using Site.Domain.Photos;

namespace Site.Data.Albums;

/// <summary>Build (or rebuild) an album's ZIP; queued debounced by every change to the album.</summary>
/// <param name="Force">Build even when the content hash matches the ready ZIP (the admin's "regenerate").</param>
public sealed record BuildAlbumZip(Guid AlbumId, bool Force = false) : IJob
{
    public static JobDefinition Definition { get; } = new("albums.build-zip", JobQueues.Default)
    {
        Retry = JobRetryPolicy.Default with { MaxAttempts = 3 },
        Timeout = TimeSpan.FromMinutes(30),
    };
}

/// <summary>Runs <see cref="AlbumZipBuilder.BuildAsync"/> for a queued <see cref="BuildAlbumZip"/>.</summary>
public sealed class BuildAlbumZipHandler(AlbumZipBuilder builder) : IJobHandler<BuildAlbumZip>
{
    public Task RunAsync(BuildAlbumZip job, JobRunContext context, CancellationToken cancellationToken) =>
        builder.BuildAsync(job.AlbumId, job.Force, cancellationToken);
}

/// <summary>What a build did.</summary>
public enum AlbumZipOutcome
{
    Built,

    /// <summary>The ready ZIP already holds exactly the album's photos.</summary>
    Unchanged,

    /// <summary>Downloads are off, the album is empty or gone: no ZIP.</summary>
    NoZip,

    /// <summary>The album changed while building; the queued build after the change will make the ZIP.</summary>
    Superseded,
}

/// <summary>
/// Writes an album's originals into one uncompressed ("stored") ZIP, in display order with numbered, unique names,
/// streamed through a small pipe straight into media storage (multipart on S3), so memory does not grow with the
/// album. The ZIP goes to a fresh key; only once it is completely stored is the album's ZIP pointer switched to it
/// (and the old one deleted). A build that dies half-way leaves the old pointer and, at most, an unfinished upload
/// that storage discards, so a partial ZIP is never offered.
/// </summary>
public sealed class AlbumZipBuilder(IDbContextFactory<SiteDbContext> databases, IObjectStorage storage, TimeProvider clock, ILogger<AlbumZipBuilder> logger)
{
    /// <summary>The pipe between the ZIP writer and the upload holds at most this much; the writer waits beyond it.</summary>
    private const long PipeLimit = 1024 * 1024;

    /// <summary>
    /// Large pipe segments: the pipe holds a few dozen of them at most, which the shared pool keeps, where thousands of
    /// small ones would overflow it and turn every megabyte copied into garbage.
    /// </summary>
    private const int SegmentSize = 64 * 1024;

    public async Task<AlbumZipOutcome> BuildAsync(Guid albumId, bool force = false, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        if (album is null)
        {
            return AlbumZipOutcome.NoZip;
        }

        var sources = await SourcesAsync(db, albumId, cancellationToken);
        if (!album.AllowDownloads || sources.Count == 0)
        {
            await SwitchAsync(albumId, null, null, null, AlbumZipStatus.None, cancellationToken);
            return AlbumZipOutcome.NoZip;
        }

        var hash = AlbumZipEntries.ContentHash(sources);
        if (!force && album.ZipStatus == AlbumZipStatus.Ready && album.ZipContentHash == hash && album.ZipKey is not null
            && await storage.GetInfoAsync(album.ZipKey, cancellationToken) is not null)
        {
            return AlbumZipOutcome.Unchanged;
        }

        await db.Albums.Where(a => a.Id == albumId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ZipStatus, AlbumZipStatus.Generating), cancellationToken);
        var key = AlbumZipKey(albumId);
        try
        {
            var stored = await WriteAsync(key, sources, cancellationToken);
            var current = AlbumZipEntries.ContentHash(await SourcesAsync(db, albumId, cancellationToken));
            if (current != hash)
            {
                await storage.DeleteAsync(key, CancellationToken.None);
                return AlbumZipOutcome.Superseded;
            }

            if (!await SwitchAsync(albumId, key, hash, stored.Length, AlbumZipStatus.Ready, cancellationToken))
            {
                await storage.DeleteAsync(key, CancellationToken.None);
                return AlbumZipOutcome.NoZip;
            }

            logger.LogInformation("Built the ZIP of album {AlbumId}: {Count} photos, {Bytes} bytes", albumId, sources.Count, stored.Length);
            return AlbumZipOutcome.Built;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The ZIP still at the pointer stays on offer only if it holds exactly what the album does.
            await db.Albums.Where(a => a.Id == albumId).ExecuteUpdateAsync(set => set
                .SetProperty(a => a.ZipStatus, a => a.ZipKey != null && a.ZipContentHash == hash ? AlbumZipStatus.Ready : AlbumZipStatus.Failed)
                .SetProperty(a => a.ZipError, Truncate(ex.Message)), CancellationToken.None);
            throw;
        }
    }

    /// <summary>The album's photos that go into its ZIP (every photo whose processing has not failed), in display order.</summary>
    public static async Task<IReadOnlyList<AlbumZipSource>> SourcesAsync(SiteDbContext db, Guid albumId, CancellationToken cancellationToken)
    {
        var rows = await db.AlbumPhotos.AsNoTracking()
            .Where(p => p.AlbumId == albumId && p.Photo!.Status != PhotoStatus.Failed)
            .Select(p => new { p.PhotoId, p.DisplayOrder, p.Photo!.TakenAt, p.Photo.UploadedAt, p.Photo.Sha256, p.Photo.OriginalFileName })
            .ToListAsync(cancellationToken);
        return AlbumOrdering.Order(rows, r => r.DisplayOrder, r => r.TakenAt, r => r.UploadedAt)
            .Select(r => new AlbumZipSource(r.PhotoId, r.Sha256, r.OriginalFileName))
            .ToList();
    }

    /// <summary>
    /// Streams the ZIP into storage under <paramref name="key"/>. The writer and the upload run side by side through
    /// a bounded pipe; a failure of either ends both, and storage keeps nothing of a failed put.
    /// </summary>
    internal async Task<StoredObjectInfo> WriteAsync(string key, IReadOnlyList<AlbumZipSource> sources, CancellationToken cancellationToken)
    {
        var originals = await OriginalKeysAsync(sources, cancellationToken);
        var names = AlbumZipEntries.Names(sources.Select(s => s.OriginalFileName).ToList());
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PipeLimit, resumeWriterThreshold: PipeLimit / 2, minimumSegmentSize: SegmentSize, useSynchronizationContext: false));
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var writer = Task.Run(async () =>
        {
            try
            {
                // Left open: only an explicit completion may end the pipe, so a failing writer ends it with its error
                // (and the upload fails) instead of with an ordinary end that would store a truncated ZIP.
                await using var output = pipe.Writer.AsStream(leaveOpen: true);
                await using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                {
                    for (var i = 0; i < sources.Count; i++)
                    {
                        await using var original = await storage.GetAsync(originals[sources[i].PhotoId], failed.Token)
                            ?? throw new InvalidOperationException($"The original of photo {sources[i].PhotoId} is missing from storage.");
                        var entry = archive.CreateEntry(names[i], CompressionLevel.NoCompression);
                        entry.LastWriteTime = original.Info.LastModified;
                        await using var target = entry.Open();
                        await original.Content.CopyToAsync(target, 256 * 1024, failed.Token);
                    }
                }

                await pipe.Writer.CompleteAsync();
            }
            catch (Exception ex)
            {
                await pipe.Writer.CompleteAsync(ex);
                await failed.CancelAsync();
                throw;
            }
        }, CancellationToken.None);

        try
        {
            await using var input = pipe.Reader.AsStream();
            var stored = await storage.PutAsync(key, input, "application/zip", ObjectVisibility.Private, failed.Token);
            await writer;
            return stored;
        }
        catch
        {
            await failed.CancelAsync();
            await pipe.Reader.CompleteAsync();
            // The writer's own failure (a missing original) explains the broken upload better than the upload's error.
            var writerFailure = await writer.ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default);
            if (writerFailure is not null and not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(writerFailure);
            }

            throw;
        }
    }

    private async Task<Dictionary<Guid, string>> OriginalKeysAsync(IReadOnlyList<AlbumZipSource> sources, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var ids = sources.Select(s => s.PhotoId).ToList();
        return await db.Photos.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.OriginalKey, cancellationToken);
    }

    /// <summary>Points the album at a new ZIP (or none) and deletes the one it replaces; false when the album is gone.</summary>
    private async Task<bool> SwitchAsync(Guid albumId, string? key, string? hash, long? size, AlbumZipStatus status, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = await db.Albums.SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        if (album is null)
        {
            return false;
        }

        var old = album.ZipKey;
        album.ZipKey = key;
        album.ZipContentHash = hash;
        album.ZipSizeBytes = size;
        album.ZipStatus = status;
        album.ZipBuiltAt = key is null ? null : clock.GetUtcNow();
        album.ZipError = null;
        await db.SaveChangesAsync(cancellationToken);
        if (old is not null && old != key)
        {
            await storage.DeleteAsync(old, CancellationToken.None);
        }

        return true;
    }

    /// <summary>A fresh key per build, so a new ZIP never overwrites the one being downloaded.</summary>
    private static string AlbumZipKey(Guid albumId) => $"albums/{albumId:D}/zip/{Guid.NewGuid():N}.zip";

    private static string Truncate(string message) => message.Length <= 2000 ? message : message[..2000];
}
