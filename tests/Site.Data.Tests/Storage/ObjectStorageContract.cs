using System.Security.Cryptography;
using System.Text;
using Site.Data.Storage;

namespace Site.Data.Tests.Storage;

/// <summary>
/// What every media store must do, whatever holds the bytes. Each subclass runs all of it against one real store;
/// the checks that need the store's own way of serving URLs are the abstract members.
/// </summary>
public abstract class ObjectStorageContract
{
    /// <summary>Bigger than two parts, with a short last part, so the S3 store takes its multipart path.</summary>
    protected const int LargeSize = 2 * S3ObjectStorage.PartSize + 4_000_000;

    /// <summary>Unique per test, so tests sharing a store (one bucket per class) never see each other's objects.</summary>
    protected string Prefix { get; } = "t-" + Guid.NewGuid().ToString("N")[..12] + "/";

    protected abstract IObjectStorage Storage { get; }

    /// <summary>Anyone holding <paramref name="publicUrl"/> gets exactly <paramref name="expected"/>.</summary>
    protected abstract Task AssertReadableAnonymouslyAsync(string key, Uri publicUrl, byte[] expected);

    /// <summary>Someone holding only <paramref name="publicUrl"/> of a private object is refused.</summary>
    protected abstract Task AssertNotReadableAnonymouslyAsync(string key, Uri publicUrl);

    /// <summary>The holder of <paramref name="signedUrl"/> gets exactly <paramref name="expected"/>.</summary>
    protected abstract Task AssertSignedUrlGrantsReadAsync(string key, Uri signedUrl, byte[] expected);

    /// <summary>A failed upload left nothing behind that takes space or could later turn into an object.</summary>
    protected abstract Task AssertNoUploadLeftoversAsync(string key);

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(S3ObjectStorage.PartSize)]
    [InlineData(LargeSize)]
    public async Task PutFromAStreamOfUnknownLength_ReadsBackTheSameBytes(int size)
    {
        var key = Prefix + "upload.bin";
        var data = Bytes(size, seed: size);

        var stored = await Storage.PutAsync(key, new OneWayStream(data), "application/octet-stream", ObjectVisibility.Private);

        Assert.Equal(size, stored.Length);
        await using var read = await Storage.GetAsync(key);
        Assert.NotNull(read);
        Assert.Equal(size, read.Info.Length);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(data)), Convert.ToHexString(await SHA256.HashDataAsync(read.Content)));
    }

    [Fact]
    public async Task GetOfAMissingKey_ReturnsNull()
    {
        Assert.Null(await Storage.GetAsync(Prefix + "missing.txt"));
        Assert.Null(await Storage.GetRangeAsync(Prefix + "missing.txt", 0, 10));
        Assert.Null(await Storage.GetInfoAsync(Prefix + "missing.txt"));
    }

    [Fact]
    public async Task RangeGet_ReturnsTheAskedBytesAndTheWholeLength()
    {
        var key = Prefix + "video.mp4";
        var data = Bytes(1000, seed: 7);
        await Storage.PutAsync(key, new MemoryStream(data), "video/mp4", ObjectVisibility.Public);

        await using var middle = await Storage.GetRangeAsync(key, 100, 50);

        Assert.NotNull(middle);
        Assert.Equal(100, middle.RangeStart);
        Assert.Equal(50, middle.RangeLength);
        Assert.Equal(1000, middle.Info.Length);
        Assert.Equal("video/mp4", middle.Info.ContentType);
        Assert.Equal(data[100..150], await ReadAllAsync(middle.Content));
    }

    [Fact]
    public async Task RangeGetPastTheEnd_ReturnsWhatThereIs()
    {
        var key = Prefix + "video.mp4";
        var data = Bytes(1000, seed: 8);
        await Storage.PutAsync(key, new MemoryStream(data), "video/mp4", ObjectVisibility.Public);

        await using var tail = await Storage.GetRangeAsync(key, 990, 100);
        await using var beyond = await Storage.GetRangeAsync(key, 5000, 10);

        Assert.NotNull(tail);
        Assert.Equal(10, tail.RangeLength);
        Assert.Equal(data[990..], await ReadAllAsync(tail.Content));
        Assert.NotNull(beyond);
        Assert.Equal(0, beyond.RangeLength);
        Assert.Equal(1000, beyond.Info.Length);
        Assert.Empty(await ReadAllAsync(beyond.Content));
    }

    [Fact]
    public async Task GetInfo_TellsLengthContentTypeVisibilityAndWhen()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Storage.PutAsync(Prefix + "photo.jpg", new MemoryStream(Bytes(1234, 1)), "image/jpeg", ObjectVisibility.Public);
        await Storage.PutAsync(Prefix + "original.png", new MemoryStream(Bytes(77, 2)), "image/png", ObjectVisibility.Private);

        var photo = await Storage.GetInfoAsync(Prefix + "photo.jpg");
        var original = await Storage.GetInfoAsync(Prefix + "original.png");

        Assert.Equal(new { Key = Prefix + "photo.jpg", Length = 1234L, ContentType = "image/jpeg", Visibility = ObjectVisibility.Public },
            new { photo!.Key, photo.Length, photo.ContentType, photo.Visibility });
        Assert.Equal(new { Key = Prefix + "original.png", Length = 77L, ContentType = "image/png", Visibility = ObjectVisibility.Private },
            new { original!.Key, original.Length, original.ContentType, original.Visibility });
        Assert.InRange(photo.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task List_ReturnsTheObjectsUnderThePrefixInKeyOrder()
    {
        // '-' < '.' < '/' in key order, which a plain folder walk would not give.
        string[] keys = ["b", "a/x", "a.txt", "a-1", "a/y/z"];
        foreach (var key in keys)
        {
            await Storage.PutAsync(Prefix + key, new MemoryStream(Encoding.UTF8.GetBytes(key)), "text/plain", ObjectVisibility.Private);
        }

        var sibling = Prefix.TrimEnd('/') + "-other/a";
        await Storage.PutAsync(sibling, new MemoryStream([1]), "text/plain", ObjectVisibility.Private);

        var listed = await ToListAsync(Storage.ListAsync(Prefix));
        var underA = await ToListAsync(Storage.ListAsync(Prefix + "a/"));

        Assert.Equal(["a-1", "a.txt", "a/x", "a/y/z", "b"], listed.Select(o => o.Key[Prefix.Length..]));
        Assert.All(listed, o => Assert.Equal("text/plain", o.ContentType));
        Assert.Equal(3, listed.Single(o => o.Key == Prefix + "a-1").Length);
        Assert.Equal(["a/x", "a/y/z"], underA.Select(o => o.Key[Prefix.Length..]));
    }

    [Fact]
    public async Task Delete_RemovesTheObject_AndDeletingAMissingOneIsFine()
    {
        var key = Prefix + "gone.txt";
        await Storage.PutAsync(key, new MemoryStream([1, 2, 3]), "text/plain", ObjectVisibility.Public);

        await Storage.DeleteAsync(key);
        await Storage.DeleteAsync(key);
        await Storage.DeleteAsync(Prefix + "never/was/here.txt");

        Assert.Null(await Storage.GetInfoAsync(key));
        Assert.Null(await Storage.GetAsync(key));
        Assert.Empty(await ToListAsync(Storage.ListAsync(Prefix)));
    }

    [Fact]
    public async Task Put_ReplacesAnExistingObjectWithItsNewBytesTypeAndVisibility()
    {
        var key = Prefix + "avatar";
        await Storage.PutAsync(key, new MemoryStream(Bytes(5000, 1)), "image/png", ObjectVisibility.Public);
        var replacement = Bytes(300, 2);

        await Storage.PutAsync(key, new OneWayStream(replacement), "image/webp", ObjectVisibility.Private);

        await using var read = await Storage.GetAsync(key);
        Assert.NotNull(read);
        Assert.Equal(replacement, await ReadAllAsync(read.Content));
        Assert.Equal((300L, "image/webp", ObjectVisibility.Private), (read.Info.Length, read.Info.ContentType, read.Info.Visibility));
        Assert.Single(await ToListAsync(Storage.ListAsync(Prefix)));
        await AssertNotReadableAnonymouslyAsync(key, Storage.GetPublicUrl(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    public async Task InvalidKeys_AreRefusedAndNothingIsStored(string key)
    {
        var before = await ToListAsync(Storage.ListAsync(""));

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.PutAsync(key, new MemoryStream([1]), "text/plain", ObjectVisibility.Public));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetRangeAsync(key, 0, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetInfoAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.DeleteAsync(key));
        Assert.Throws<ArgumentException>(() => Storage.GetPublicUrl(key));
        Assert.Throws<ArgumentException>(() => Storage.GetSignedUrl(key, TimeSpan.FromMinutes(5)));

        var after = await ToListAsync(Storage.ListAsync(""));
        Assert.Equal(before.Select(o => o.Key), after.Select(o => o.Key));
    }

    [Theory]
    [InlineData(1000, 600)]
    [InlineData(LargeSize, S3ObjectStorage.PartSize + 1_000_000)]
    public async Task APutWhoseSourceFailsHalfWay_LeavesNoObject(int size, int failAfter)
    {
        var key = Prefix + "broken.bin";

        await Assert.ThrowsAsync<IOException>(() =>
            Storage.PutAsync(key, new OneWayStream(Bytes(size, 3), failAfter), "application/octet-stream", ObjectVisibility.Public));

        Assert.Null(await Storage.GetInfoAsync(key));
        Assert.Null(await Storage.GetAsync(key));
        Assert.Empty(await ToListAsync(Storage.ListAsync(Prefix)));
        await AssertNoUploadLeftoversAsync(key);
    }

    [Fact]
    public async Task APutThatFailsHalfWay_KeepsThePreviousObject()
    {
        var key = Prefix + "keep.bin";
        var original = Bytes(2000, 4);
        await Storage.PutAsync(key, new MemoryStream(original), "application/pdf", ObjectVisibility.Private);

        await Assert.ThrowsAsync<IOException>(() =>
            Storage.PutAsync(key, new OneWayStream(Bytes(LargeSize, 5), S3ObjectStorage.PartSize + 1), "image/png", ObjectVisibility.Public));

        await using var read = await Storage.GetAsync(key);
        Assert.NotNull(read);
        Assert.Equal(original, await ReadAllAsync(read.Content));
        Assert.Equal(("application/pdf", ObjectVisibility.Private), (read.Info.ContentType, read.Info.Visibility));
        await AssertNoUploadLeftoversAsync(key);
    }

    [Fact]
    public async Task APublicObject_IsReadableByAnyoneAtItsPublicUrl()
    {
        var key = Prefix + "public.jpg";
        var data = Bytes(4321, 6);
        await Storage.PutAsync(key, new MemoryStream(data), "image/jpeg", ObjectVisibility.Public);

        await AssertReadableAnonymouslyAsync(key, Storage.GetPublicUrl(key), data);
    }

    [Fact]
    public async Task APublicObjectUploadedInParts_IsReadableByAnyoneAtItsPublicUrl()
    {
        var key = Prefix + "public.zip";
        var data = Bytes(LargeSize, 9);
        await Storage.PutAsync(key, new OneWayStream(data), "application/zip", ObjectVisibility.Public);

        await AssertReadableAnonymouslyAsync(key, Storage.GetPublicUrl(key), data);
    }

    [Fact]
    public async Task APrivateObject_IsNotReadableAtItsPublicUrl()
    {
        var key = Prefix + "private.jpg";
        await Storage.PutAsync(key, new MemoryStream(Bytes(100, 7)), "image/jpeg", ObjectVisibility.Private);

        await AssertNotReadableAnonymouslyAsync(key, Storage.GetPublicUrl(key));
    }

    [Fact]
    public async Task APrivateObjectUploadedInParts_IsNotReadableAtItsPublicUrl()
    {
        var key = Prefix + "private.zip";
        await Storage.PutAsync(key, new OneWayStream(Bytes(LargeSize, 10)), "application/zip", ObjectVisibility.Private);

        await AssertNotReadableAnonymouslyAsync(key, Storage.GetPublicUrl(key));
    }

    [Fact]
    public async Task APrivateObject_IsReadableThroughASignedUrl()
    {
        var key = Prefix + "private/original.jpg";
        var data = Bytes(2048, 8);
        await Storage.PutAsync(key, new MemoryStream(data), "image/jpeg", ObjectVisibility.Private);

        await AssertSignedUrlGrantsReadAsync(key, Storage.GetSignedUrl(key, TimeSpan.FromMinutes(5)), data);
    }

    protected static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
