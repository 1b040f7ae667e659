using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Domain.Photos;

namespace Site.Data.Photos;

/// <summary>Where a photo stands in processing, as the upload page shows it.</summary>
public sealed record PhotoProgress(Guid Id, PhotoStatus Status, string? FailureReason);

/// <summary>Reads the processing status of the photos a screen follows.</summary>
public sealed class PhotoStatusQuery(IDbContextFactory<SiteDbContext> databases)
{
    public async Task<IReadOnlyList<PhotoProgress>> FindAsync(IReadOnlyCollection<Guid> photoIds, CancellationToken cancellationToken = default)
    {
        if (photoIds.Count == 0)
        {
            return [];
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Photos.AsNoTracking()
            .Where(p => photoIds.Contains(p.Id))
            .Select(p => new PhotoProgress(p.Id, p.Status, p.FailureReason))
            .ToListAsync(cancellationToken);
    }
}
