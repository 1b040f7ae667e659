using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Domain.Photos;

namespace Site.Data.Photos;

/// <summary>A photo that looks like another, and how many of the 64 perceptual-hash bits differ.</summary>
public sealed record SimilarPhoto(Guid PhotoId, string OriginalFileName, int Distance);

/// <summary>
/// Finds photos that look alike through the indexed hash bands (multi-index hashing): PostgreSQL narrows the rows
/// to those sharing a near-identical band using the four b-tree indexes, then checks the exact Hamming distance of
/// the candidates only. Every photo within the distance is found; no query reads every photo.
/// </summary>
public sealed class SimilarPhotos(IDbContextFactory<SiteDbContext> databases)
{
    /// <summary>Processed photos within <paramref name="maxDistance"/> bits of the photo's hash, closest first.</summary>
    public async Task<IReadOnlyList<SimilarPhoto>> FindAsync(Guid photoId, int maxDistance = PerceptualHash.NearDuplicateMaxDistance, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var hash = await db.Photos.Where(p => p.Id == photoId).Select(p => p.PerceptualHash).SingleOrDefaultAsync(cancellationToken);
        if (hash is not { } value)
        {
            return [];
        }

        return await FindByHashAsync(db, value, maxDistance, photoId, cancellationToken);
    }

    /// <summary>Processed photos within <paramref name="maxDistance"/> bits of <paramref name="hash"/>, closest first.</summary>
    public static async Task<IReadOnlyList<SimilarPhoto>> FindByHashAsync(SiteDbContext db, long hash, int maxDistance, Guid? except, CancellationToken cancellationToken = default)
    {
        var bands = PerceptualHash.BandNeighbourhood(hash, maxDistance);
        var exceptId = except ?? Guid.Empty;
        var rows = await db.Database.SqlQuery<SimilarRow>($"""
            SELECT id, original_file_name, bit_count((perceptual_hash # {hash})::bit(64))::int AS distance
            FROM photos
            WHERE (hash_band0 = ANY({bands[0]}) OR hash_band1 = ANY({bands[1]})
                OR hash_band2 = ANY({bands[2]}) OR hash_band3 = ANY({bands[3]}))
              AND bit_count((perceptual_hash # {hash})::bit(64)) <= {maxDistance}
              AND id <> {exceptId}
            ORDER BY distance, uploaded_at
            """).ToListAsync(cancellationToken);
        return rows.Select(r => new SimilarPhoto(r.Id, r.OriginalFileName, r.Distance)).ToList();
    }

    private sealed record SimilarRow(Guid Id, string OriginalFileName, int Distance);
}
