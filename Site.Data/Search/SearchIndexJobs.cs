using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.Domain.Jobs;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>
/// Update the index rows of some kinds: all rows of each kind when <see cref="SourceIds"/> is null, else the named
/// rows. Enqueued by whatever changed them, in its own transaction (the content sync, photo processing).
/// </summary>
public sealed record UpdateSearchIndex(IReadOnlyList<string> Kinds, IReadOnlyList<string>? SourceIds = null) : IJob
{
    public static JobDefinition Definition { get; } = new("search.update-index", JobQueues.Default)
    {
        Timeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>Re-index everything the content sync writes; debounced, so a burst of syncs is one job.</summary>
    public static Task EnqueueForContentAsync(DbContext db, CancellationToken cancellationToken) =>
        JobQueue.EnqueueAsync(db, new UpdateSearchIndex([SearchKind.Post.Name, SearchKind.Project.Name, SearchKind.Book.Name]),
            new JobEnqueueOptions { DebounceKey = "content" }, cancellationToken);

    /// <summary>
    /// Re-index albums and photos after an album changed: its title, privacy or photos decide which photos readers can
    /// find and where they link. Only rows whose text changed are written, so re-reading all of them is cheap; debounced,
    /// so a burst of edits is one job.
    /// </summary>
    public static Task EnqueueForAlbumsAsync(DbContext db, CancellationToken cancellationToken) =>
        JobQueue.EnqueueAsync(db, new UpdateSearchIndex([SearchKind.Album.Name, SearchKind.Photo.Name]),
            new JobEnqueueOptions { DebounceKey = "albums" }, cancellationToken);

    /// <summary>Re-index one photo; debounced per photo.</summary>
    public static Task EnqueueForPhotoAsync(DbContext db, Guid photoId, CancellationToken cancellationToken) =>
        JobQueue.EnqueueAsync(db, new UpdateSearchIndex([SearchKind.Photo.Name], [photoId.ToString("D")]),
            new JobEnqueueOptions { DebounceKey = "photo-" + photoId.ToString("D") }, cancellationToken);
}

public sealed class UpdateSearchIndexHandler(SearchIndexer indexer) : IJobHandler<UpdateSearchIndex>
{
    public async Task RunAsync(UpdateSearchIndex job, JobRunContext context, CancellationToken cancellationToken)
    {
        foreach (var kind in job.Kinds.Distinct())
        {
            await indexer.UpdateAsync(kind, job.SourceIds, cancellationToken);
        }
    }
}

/// <summary>Rebuild the whole index from every source: nightly, and when the admin asks for it.</summary>
public sealed record RebuildSearchIndex : IJob
{
    /// <summary>The admin's "rebuild now" uses this key, so pressing it twice queues one rebuild.</summary>
    public const string AdminKey = "admin";

    public static JobDefinition Definition { get; } = new("search.rebuild-index", JobQueues.Default)
    {
        Timeout = TimeSpan.FromHours(1),
    };
}

public sealed class RebuildSearchIndexHandler(SearchIndexer indexer) : IJobHandler<RebuildSearchIndex>
{
    public Task RunAsync(RebuildSearchIndex job, JobRunContext context, CancellationToken cancellationToken) =>
        indexer.RebuildAsync(cancellationToken: cancellationToken);
}
