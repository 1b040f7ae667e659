using Microsoft.EntityFrameworkCore;
using Site.Data.Albums;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Data.Search;
using Site.Domain.Jobs;

namespace Site.Data.Photos;

/// <summary>Process (or reprocess) one stored photo in the jobs host; enqueued with the photo's row, in its transaction.</summary>
public sealed record ProcessPhoto(Guid PhotoId) : IJob
{
    // Default retries: a throw means storage or the database failed and may recover; a rejected file never will,
    // so the handler ends normally for it and the job is not retried.
    public static JobDefinition Definition { get; } = new("photos.process", JobQueues.Default)
    {
        Timeout = TimeSpan.FromMinutes(10),
    };
}

/// <summary>Runs <see cref="PhotoProcessor.ProcessAsync"/> for a queued <see cref="ProcessPhoto"/>.</summary>
public sealed class ProcessPhotoHandler(PhotoProcessor processor, IDbContextFactory<SiteDbContext> databases, TimeProvider clock) : IJobHandler<ProcessPhoto>
{
    // Rejected and NotFound are final answers recorded on the photo (or there is no photo any more): returning
    // normally completes the job. Only an exception from the processor reaches the executor and is retried.
    // Whatever the outcome, the photo's search row and its albums' ZIPs follow it (a failed photo leaves both).
    public async Task RunAsync(ProcessPhoto job, JobRunContext context, CancellationToken cancellationToken)
    {
        await processor.ProcessAsync(job.PhotoId, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await UpdateSearchIndex.EnqueueForPhotoAsync(db, job.PhotoId, cancellationToken);
        await AlbumEditor.EnqueueZipsForPhotoAsync(db, job.PhotoId, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
