using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Site.Data.Configuration;
using Site.Data.Storage;

namespace Site.Data.Tests.Storage;

/// <summary>
/// The storage contract on a fresh temporary folder per test. Serving over HTTP is the web host's /media/ endpoint,
/// tested with the web host; here the URL checks stop at what that endpoint relies on: the URL's shape and
/// <see cref="LocalFolderStorage.IsSignatureValid"/>.
/// </summary>
public sealed class LocalFolderStorage_Contract : ObjectStorageContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "site-storage-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly LocalFolderStorage _storage;

    public LocalFolderStorage_Contract()
    {
        _storage = new LocalFolderStorage(Options.Create(new StorageOptions { LocalPath = _root }), _clock);
    }

    protected override IObjectStorage Storage => _storage;

    [Fact]
    public async Task ASignedUrl_StopsWorkingWhenItExpires()
    {
        var key = Prefix + "private.jpg";
        await _storage.PutAsync(key, new MemoryStream([1, 2, 3]), "image/jpeg", ObjectVisibility.Private);
        var (expires, sig) = SignatureOf(_storage.GetSignedUrl(key, TimeSpan.FromMinutes(10)));

        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(_storage.IsSignatureValid(key, expires, sig));
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.False(_storage.IsSignatureValid(key, expires, sig));
    }

    [Fact]
    public async Task ASignedUrl_FromAnotherStoreIsRefused()
    {
        var key = Prefix + "private.jpg";
        await _storage.PutAsync(key, new MemoryStream([1, 2, 3]), "image/jpeg", ObjectVisibility.Private);
        var otherRoot = Path.Combine(Path.GetTempPath(), "site-storage-" + Guid.NewGuid().ToString("N"));
        try
        {
            var other = new LocalFolderStorage(Options.Create(new StorageOptions { LocalPath = otherRoot }), _clock);
            var (expires, sig) = SignatureOf(other.GetSignedUrl(key, TimeSpan.FromMinutes(10)));

            Assert.False(_storage.IsSignatureValid(key, expires, sig));
        }
        finally
        {
            Directory.Delete(otherRoot, recursive: true);
        }
    }

    [Fact]
    public void TheSigningKey_IsKeptSoBothHostsAndRestartsAgree()
    {
        var key = Prefix + "private.jpg";
        var (expires, sig) = SignatureOf(_storage.GetSignedUrl(key, TimeSpan.FromMinutes(10)));

        var sameFolder = new LocalFolderStorage(Options.Create(new StorageOptions { LocalPath = _root }), _clock);

        Assert.True(sameFolder.IsSignatureValid(key, expires, sig));
    }

    [Fact]
    public void PublicUrls_UseTheConfiguredBaseUrl()
    {
        var cdn = new LocalFolderStorage(
            Options.Create(new StorageOptions { LocalPath = _root, PublicBaseUrl = "https://cdn.example.test/media/" }), _clock);

        Assert.Equal("https://cdn.example.test/media/photos/a.jpg", cdn.GetPublicUrl("photos/a.jpg").ToString());
    }

    protected override async Task AssertReadableAnonymouslyAsync(string key, Uri publicUrl, byte[] expected)
    {
        Assert.Equal(LocalFolderStorage.UrlPrefix + key, publicUrl.ToString());
        Assert.Equal(ObjectVisibility.Public, (await _storage.GetInfoAsync(key))?.Visibility);
        var file = _storage.FindFile(key);
        Assert.NotNull(file);
        Assert.Equal(expected, await File.ReadAllBytesAsync(file.FullName));
    }

    protected override async Task AssertNotReadableAnonymouslyAsync(string key, Uri publicUrl)
    {
        // The /media/ endpoint serves a private object only with a valid signature; the public URL carries none.
        Assert.Equal(LocalFolderStorage.UrlPrefix + key, publicUrl.ToString());
        Assert.Equal(ObjectVisibility.Private, (await _storage.GetInfoAsync(key))?.Visibility);
        Assert.False(_storage.IsSignatureValid(key, long.MaxValue, null));
    }

    protected override async Task AssertSignedUrlGrantsReadAsync(string key, Uri signedUrl, byte[] expected)
    {
        Assert.StartsWith(LocalFolderStorage.UrlPrefix + key + "?", signedUrl.ToString());
        var (expires, sig) = SignatureOf(signedUrl);
        Assert.True(_storage.IsSignatureValid(key, expires, sig));

        var tampered = (sig[0] == 'A' ? 'B' : 'A') + sig[1..];
        Assert.False(_storage.IsSignatureValid(key, expires, tampered));
        Assert.False(_storage.IsSignatureValid(key, expires + 3600, sig));
        Assert.False(_storage.IsSignatureValid(key + "x", expires, sig));

        var file = _storage.FindFile(key);
        Assert.NotNull(file);
        Assert.Equal(expected, await File.ReadAllBytesAsync(file.FullName));
    }

    protected override Task AssertNoUploadLeftoversAsync(string key)
    {
        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => path != ".signing-key")
            .ToList();
        var objects = files.Where(path => path.StartsWith("objects/", StringComparison.Ordinal)).Select(path => path["objects/".Length..]).ToHashSet();
        var metas = files.Where(path => path.StartsWith("meta/", StringComparison.Ordinal)).Select(path => path["meta/".Length..^".json".Length]);

        Assert.DoesNotContain(files, path => !path.StartsWith("objects/", StringComparison.Ordinal) && !path.StartsWith("meta/", StringComparison.Ordinal));
        Assert.DoesNotContain(metas, meta => !objects.Contains(meta));
        return Task.CompletedTask;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (long Expires, string Sig) SignatureOf(Uri signedUrl)
    {
        var query = QueryHelpers.ParseQuery(signedUrl.OriginalString[signedUrl.OriginalString.IndexOf('?')..]);
        return (long.Parse(query["expires"]!), query["sig"]!);
    }
}
