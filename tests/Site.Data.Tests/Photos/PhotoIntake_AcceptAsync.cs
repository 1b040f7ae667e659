using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Site.Data.Photos;
using Site.Domain.Photos;

namespace Site.Data.Tests.Photos;

public class PhotoIntake_AcceptAsync(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task StoresTheOriginalByteForByteAndAddsAPendingPhotoForTheCallerToSave(StoreKind store)
    {
        var bytes = TestImages.Jpeg(640, 480, subjectX: Random.Shared.NextDouble());
        await using var db = fixture.CreateContext();

        var result = await fixture.Intake(store).AcceptAsync(new MemoryStream(bytes), "IMG_0001.JPG", db);

        Assert.Equal(PhotoIntakeOutcome.Accepted, result.Outcome);
        var photo = result.Photo!;
        Assert.Equal(EntityState.Added, db.Entry(photo).State);
        await db.SaveChangesAsync();
        Assert.Equal(PhotoStatus.Pending, photo.Status);
        Assert.Equal("IMG_0001.JPG", photo.OriginalFileName);
        Assert.Equal(PhotoFormat.Jpeg, photo.Format);
        Assert.Equal(bytes.Length, photo.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), photo.Sha256);
        Assert.Equal(PhotoStorageKeys.Original(photo.Id, PhotoFormat.Jpeg), photo.OriginalKey);
        Assert.Equal(bytes, await fixture.ReadAsync(store, photo.OriginalKey));
        Assert.Equal("image/jpeg", (await fixture.Store(store).GetInfoAsync(photo.OriginalKey))!.ContentType);
    }

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task RefusesAnExactDuplicateNamingTheEarlierPhotoAndKeepsNothingOfIt(StoreKind store)
    {
        var bytes = TestImages.Jpeg(320, 240, subjectY: Random.Shared.NextDouble());
        var earlier = await fixture.UploadAsync(store, bytes, "first.jpg");
        await using var db = fixture.CreateContext();

        var result = await fixture.Intake(store).AcceptAsync(new MemoryStream(bytes), "copy.jpg", db);

        Assert.Equal(PhotoIntakeOutcome.Duplicate, result.Outcome);
        Assert.Equal(earlier.Id, result.EarlierPhotoId);
        Assert.Contains("\"first.jpg\"", result.Message);
        Assert.Contains(earlier.UploadedAt.UtcDateTime.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), result.Message);
        Assert.Empty(db.ChangeTracker.Entries());
        Assert.Equal(1, await db.Photos.CountAsync(p => p.Sha256 == earlier.Sha256));
        Assert.Equal([earlier.OriginalKey], await AllKeysUnderPhotosAsync(store, exceptFor: earlier.Id, bytes.Length));
    }

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task RefusesAFileOverTheLimitWithAClearMessageAndKeepsNothing(StoreKind store)
    {
        // Past S3's first 8 MiB part, so the multipart upload is started and must be aborted.
        const long limit = 9L * 1024 * 1024;
        var bytes = new byte[limit + 1024 * 1024];
        Random.Shared.NextBytes(bytes);
        TestImages.Jpeg(64, 48).AsSpan(0, 64).CopyTo(bytes);
        var before = await CountObjectsAsync(store);
        await using var db = fixture.CreateContext();

        var result = await fixture.Intake(store, maxUploadBytes: limit).AcceptAsync(new MemoryStream(bytes), "huge.jpg", db);

        Assert.Equal(PhotoIntakeOutcome.Refused, result.Outcome);
        Assert.Equal(PhotoUploadLimit.TooLargeMessage(limit), result.Message);
        Assert.Contains("9 MB", result.Message);
        Assert.Empty(db.ChangeTracker.Entries());
        Assert.Equal(before, await CountObjectsAsync(store));
    }

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task AcceptsAFileOfExactlyTheLimit(StoreKind store)
    {
        var bytes = TestImages.Jpeg(200, 150, subjectX: Random.Shared.NextDouble());
        await using var db = fixture.CreateContext();
        var result = await fixture.Intake(store, maxUploadBytes: bytes.Length).AcceptAsync(new MemoryStream(bytes), "exact.jpg", db);
        Assert.Equal(PhotoIntakeOutcome.Accepted, result.Outcome);
    }

    [Theory]
    [InlineData(StoreKind.Local)]
    [InlineData(StoreKind.S3)]
    public async Task RefusesAnEmptyFileAndATextFileNamedJpgAndKeepsNothing(StoreKind store)
    {
        var before = await CountObjectsAsync(store);
        await using var db = fixture.CreateContext();
        var intake = fixture.Intake(store);

        var empty = await intake.AcceptAsync(new MemoryStream([]), "empty.jpg", db);
        var text = await intake.AcceptAsync(new MemoryStream("Dear diary, today I took no photos at all."u8.ToArray()), "holiday.jpg", db);

        Assert.Equal(PhotoIntakeOutcome.Refused, empty.Outcome);
        Assert.Equal(PhotoIntake.EmptyMessage, empty.Message);
        Assert.Equal(PhotoIntakeOutcome.Refused, text.Outcome);
        Assert.Equal(PhotoFormatSniffer.UnsupportedMessage, text.Message);
        Assert.Empty(db.ChangeTracker.Entries());
        Assert.Equal(before, await CountObjectsAsync(store));
    }

    [Theory]
    [InlineData("../../../etc/passwd.jpg", "passwd.jpg")]
    [InlineData("C:\\fakepath\\IMG\u0000_1\r\n.jpg", "IMG_1.jpg")]
    [InlineData("\u202Egpj.exe", "gpj.exe")]
    public async Task KeepsASafeFileNameWhateverTheUploaderSent(string given, string kept)
    {
        var photo = await fixture.UploadAsync(StoreKind.Local, TestImages.Jpeg(100, 80, subjectX: Random.Shared.NextDouble()), given);
        Assert.Equal(kept, photo.OriginalFileName);
        Assert.StartsWith(PhotoStorageKeys.Prefix(photo.Id), photo.OriginalKey);
    }

    [Fact]
    public async Task AbandonRemovesTheStoredOriginalWhenTheCallerCannotSave()
    {
        await using var db = fixture.CreateContext();
        var result = await fixture.Intake(StoreKind.S3).AcceptAsync(new MemoryStream(TestImages.Jpeg(90, 60, subjectY: Random.Shared.NextDouble())), "x.jpg", db);

        await fixture.Intake(StoreKind.S3).AbandonAsync(result.Photo!, db);

        Assert.Empty(db.ChangeTracker.Entries());
        Assert.Empty(await fixture.StoredKeysAsync(StoreKind.S3, result.Photo!.Id));
    }

    private async Task<int> CountObjectsAsync(StoreKind store)
    {
        var count = 0;
        await foreach (var _ in fixture.Store(store).ListAsync("photos/"))
        {
            count++;
        }

        return count;
    }

    private async Task<List<string>> AllKeysUnderPhotosAsync(StoreKind store, Guid exceptFor, long length)
    {
        // Every stored original of this length: only the earlier upload's may be there.
        var keys = new List<string>();
        await foreach (var entry in fixture.Store(store).ListAsync("photos/"))
        {
            if (entry.Length == length)
            {
                keys.Add(entry.Key);
            }
        }

        Assert.Contains(keys, k => k.Contains(exceptFor.ToString(), StringComparison.Ordinal));
        return keys;
    }
}
