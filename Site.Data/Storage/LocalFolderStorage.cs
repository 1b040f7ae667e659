using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Domain.Storage;

namespace Site.Data.Storage;

/// <summary>
/// Media storage in a local folder: <c>objects/</c> holds the bytes, <c>meta/</c> a small JSON per object
/// (content type, visibility). The web host serves it at <c>/media/</c>; private objects need a signed URL.
/// </summary>
public sealed class LocalFolderStorage : IObjectStorage
{
    /// <summary>Path under which the web host serves this store.</summary>
    public const string UrlPrefix = "/media/";

    private readonly string _objects;
    private readonly string _meta;
    private readonly string _temp;
    private readonly string? _publicBaseUrl;
    private readonly byte[] _signingKey;
    private readonly TimeProvider _clock;

    public LocalFolderStorage(IOptions<StorageOptions> options, TimeProvider clock)
    {
        var settings = options.Value;
        var root = Path.GetFullPath(settings.LocalPath);
        _objects = Path.Combine(root, "objects");
        _meta = Path.Combine(root, "meta");
        _temp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_objects);
        Directory.CreateDirectory(_meta);
        Directory.CreateDirectory(_temp);
        _publicBaseUrl = settings.PublicBaseUrl?.TrimEnd('/');
        _signingKey = Encoding.UTF8.GetBytes(settings.SigningKey is { Length: > 0 } key ? key : LoadOrCreateKey(root));
        _clock = clock;
    }

    public async Task<StoredObjectInfo> PutAsync(string key, Stream content, string contentType, ObjectVisibility visibility, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        try
        {
            long length;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                length = file.Length;
            }

            var objectPath = ObjectPath(key);
            var metaPath = MetaPath(key);
            Directory.CreateDirectory(Path.GetDirectoryName(objectPath)!);
            Directory.CreateDirectory(Path.GetDirectoryName(metaPath)!);
            var tempMeta = temp + ".json";
            await File.WriteAllTextAsync(tempMeta, JsonSerializer.Serialize(new Meta(contentType, visibility)), cancellationToken);

            // While the bytes are swapped the object has no metadata and so reads as private: neither the old nor the
            // new bytes can be served with the other's visibility, in either direction.
            File.Delete(metaPath);
            File.Move(temp, objectPath, overwrite: true);
            File.Move(tempMeta, metaPath, overwrite: true);
            return new StoredObjectInfo(key, length, contentType, visibility, File.GetLastWriteTimeUtc(objectPath));
        }
        finally
        {
            File.Delete(temp);
            File.Delete(temp + ".json");
        }
    }

    public async Task<ObjectReadResult?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var info = await GetInfoAsync(key, cancellationToken);
        return info is null ? null : new ObjectReadResult(info, OpenRead(key));
    }

    public async Task<ObjectReadResult?> GetRangeAsync(string key, long start, long length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var info = await GetInfoAsync(key, cancellationToken);
        if (info is null)
        {
            return null;
        }

        var stream = OpenRead(key);
        var available = Math.Max(0, Math.Min(length, info.Length - start));
        stream.Seek(Math.Min(start, info.Length), SeekOrigin.Begin);
        return new ObjectReadResult(info, new BoundedReadStream(stream, available), start, available);
    }

    public async Task<StoredObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        var file = new FileInfo(ObjectPath(key));
        if (!file.Exists)
        {
            return null;
        }

        var meta = await ReadMetaAsync(key, cancellationToken);
        return new StoredObjectInfo(key, file.Length, meta.ContentType, meta.Visibility, file.LastWriteTimeUtc);
    }

    public async IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var keys = Directory.EnumerateFiles(_objects, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_objects, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await GetInfoAsync(key, cancellationToken) is { } info)
            {
                yield return info;
            }
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        DeleteIfPresent(ObjectPath(key));
        DeleteIfPresent(MetaPath(key));
        return Task.CompletedTask;
    }

    private static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // File.Delete shrugs at a missing file but not at a missing folder, and a key's folders exist only once
            // something was stored under them; deleting what was never stored is not an error.
        }
    }

    public Uri GetPublicUrl(string key)
    {
        ObjectKey.Validate(key);
        return _publicBaseUrl is null
            ? new Uri(UrlPrefix + key, UriKind.Relative)
            : new Uri($"{_publicBaseUrl}/{key}", UriKind.Absolute);
    }

    public Uri GetSignedUrl(string key, TimeSpan lifetime)
    {
        ObjectKey.Validate(key);
        var expires = _clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        return new Uri($"{UrlPrefix}{key}?expires={expires}&sig={Sign(key, expires)}", UriKind.Relative);
    }

    /// <summary>True when <paramref name="signature"/> was made by <see cref="GetSignedUrl"/> for this key and has not expired.</summary>
    public bool IsSignatureValid(string key, long expires, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || _clock.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(key, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>The file holding the object's bytes, for serving with range support; null when there is none.</summary>
    public FileInfo? FindFile(string key)
    {
        if (ObjectKey.Problem(key) is not null)
        {
            return null;
        }

        var file = new FileInfo(ObjectPath(key));
        return file.Exists ? file : null;
    }

    private string Sign(string key, long expires)
    {
        var mac = HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes($"{key}\n{expires}"));
        return Base64UrlEncode(mac);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private FileStream OpenRead(string key) =>
        new(ObjectPath(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);

    private async Task<Meta> ReadMetaAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(MetaPath(key));
            return await JsonSerializer.DeserializeAsync<Meta>(stream, cancellationToken: cancellationToken) ?? Meta.Unknown;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            // Without its metadata an object is treated as private: never expose what we cannot vouch for.
            return Meta.Unknown;
        }
    }

    private string ObjectPath(string key) => Path.Combine(_objects, key);

    private string MetaPath(string key) => Path.Combine(_meta, key + ".json");

    private static string LoadOrCreateKey(string root)
    {
        var path = Path.Combine(root, ".signing-key");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var generated = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            file.Write(Encoding.ASCII.GetBytes(generated));
            return generated;
        }
        catch (IOException)
        {
            // The other host created it first; use theirs.
            return File.ReadAllText(path).Trim();
        }
    }

    private sealed record Meta(string ContentType, ObjectVisibility Visibility)
    {
        public static readonly Meta Unknown = new("application/octet-stream", ObjectVisibility.Private);
    }
}
