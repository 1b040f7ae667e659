using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Site.Data.Photos;
using Site.Domain.Photos;
using PerceptualHash = Site.Domain.Photos.PerceptualHash;

namespace Site.Data.Tests.Photos;

[Collection(PhotoRenderingCollection.Name)]
public class SimilarPhotos_FindAsync(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    [Fact]
    public async Task FindsResizedAndReencodedCopiesButNotADifferentScene()
    {
        var original = TestImages.Jpeg(1600, 1200, subjectX: 0.3, subjectY: 0.4, stripes: true);
        using var smaller = new MagickImage(original);
        smaller.Resize(800, 600);
        smaller.Quality = 60;
        var reencoded = smaller.ToByteArray(MagickFormat.WebP);
        var different = TestImages.Jpeg(1600, 1200, subjectX: 0.8, subjectY: 0.8);

        var first = await ProcessedAsync(original, "original.jpg");
        var copy = await ProcessedAsync(reencoded, "copy.webp");
        var other = await ProcessedAsync(different, "other.jpg");

        var similar = await fixture.Similar.FindAsync(first.Id);

        var match = Assert.Single(similar);
        Assert.Equal(copy.Id, match.PhotoId);
        Assert.Equal("copy.webp", match.OriginalFileName);
        Assert.InRange(match.Distance, 0, PerceptualHash.NearDuplicateMaxDistance);
        Assert.DoesNotContain(similar, s => s.PhotoId == other.Id);
    }

    [Fact]
    public async Task FindsEveryHashWithinTheDistanceAndNoneBeyondIt()
    {
        // Hashes planted directly: 0..12 bits away from the probe, spread across all four bands.
        const long probe = 0x0123_4567_89AB_CDEF;
        var planted = new Dictionary<Guid, int>();
        await using (var db = fixture.CreateContext())
        {
            for (var distance = 0; distance <= 12; distance++)
            {
                var hash = probe;
                for (var bit = 0; bit < distance; bit++)
                {
                    hash ^= 1L << (bit * 5 % 64);
                }

                var photo = Planted(hash);
                planted[photo.Id] = distance;
                db.Photos.Add(photo);
            }

            await db.SaveChangesAsync();
        }

        await using var query = fixture.CreateContext();
        var found = await SimilarPhotos.FindByHashAsync(query, probe, maxDistance: 10, except: null);

        var expected = planted.Where(p => p.Value <= 10).Select(p => p.Key).ToHashSet();
        Assert.Superset(expected, found.Where(f => planted.ContainsKey(f.PhotoId)).Select(f => f.PhotoId).ToHashSet());
        Assert.Subset(expected, found.Where(f => planted.ContainsKey(f.PhotoId)).Select(f => f.PhotoId).ToHashSet());
        Assert.All(found.Where(f => planted.ContainsKey(f.PhotoId)), f => Assert.Equal(planted[f.PhotoId], f.Distance));
        Assert.Equal(found.OrderBy(f => f.Distance).Select(f => f.Distance), found.Select(f => f.Distance));
    }

    [Fact]
    public async Task TheSearchUsesTheBandIndexes()
    {
        await using var db = fixture.CreateContext();
        var bands = PerceptualHash.BandNeighbourhood(42, PerceptualHash.NearDuplicateMaxDistance);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        // The planner prefers a sequential scan on a table this small; forbid it to show an index path exists.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("""
            EXPLAIN SELECT id FROM photos
            WHERE hash_band0 = ANY(@b0) OR hash_band1 = ANY(@b1) OR hash_band2 = ANY(@b2) OR hash_band3 = ANY(@b3)
            """, connection);
        for (var i = 0; i < 4; i++)
        {
            explain.Parameters.AddWithValue($"b{i}", bands[i]);
        }

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join("\n", plan);
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains($"ix_photos_hash_band{i}", text);
        }
    }

    [Fact]
    public async Task PhotoWithoutAHashHasNoSimilarPhotos()
    {
        var photo = await fixture.UploadAsync(StoreKind.Local, TestImages.Jpeg(64, 48, subjectX: Random.Shared.NextDouble()), "pending.jpg");
        Assert.Empty(await fixture.Similar.FindAsync(photo.Id));
    }

    private async Task<Photo> ProcessedAsync(byte[] bytes, string name)
    {
        var photo = await fixture.UploadAsync(StoreKind.Local, bytes, name);
        Assert.Equal(PhotoProcessingOutcome.Complete, await fixture.Processor(StoreKind.Local).ProcessAsync(photo.Id));
        return photo;
    }

    private static Photo Planted(long hash)
    {
        var photo = new Photo
        {
            Id = Guid.NewGuid(),
            OriginalFileName = $"planted-{hash:x16}.jpg",
            OriginalKey = "photos/planted/original.jpg",
            Format = PhotoFormat.Jpeg,
            SizeBytes = 1,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(hash))),
            UploadedAt = DateTimeOffset.UtcNow,
            Status = PhotoStatus.Complete,
        };
        photo.SetPerceptualHash(hash);
        return photo;
    }
}
