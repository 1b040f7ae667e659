namespace Site.Data.Storage;

/// <summary>Who may read an object without asking the site first.</summary>
public enum ObjectVisibility
{
    /// <summary>Readable by anyone at its public URL (and through a CDN).</summary>
    Public,

    /// <summary>Readable only through a short-lived signed URL or through the web host after an access check.</summary>
    Private,
}

/// <summary>What the store knows about one object.</summary>
public sealed record StoredObjectInfo(string Key, long Length, string ContentType, ObjectVisibility Visibility, DateTimeOffset LastModified);

/// <summary>An object's bytes being read; dispose it to release the underlying response or file.</summary>
public sealed class ObjectReadResult(StoredObjectInfo info, Stream content, long? rangeStart = null, long? rangeLength = null)
    : IAsyncDisposable
{
    public StoredObjectInfo Info { get; } = info;

    public Stream Content { get; } = content;

    /// <summary>First byte returned when a range was asked for.</summary>
    public long? RangeStart { get; } = rangeStart;

    /// <summary>Number of bytes returned when a range was asked for.</summary>
    public long? RangeLength { get; } = rangeLength;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// Media storage (originals, variants, ZIPs, screenshots): a local folder by default, S3 in production.
/// Keys are relative paths such as <c>photos/2f1c…/original.jpg</c>; <see cref="Site.Domain.Storage.ObjectKey.Problem"/> says which are allowed.
/// Writes are all-or-nothing: a failed or cancelled put leaves no object behind.
/// </summary>
public interface IObjectStorage
{
    /// <summary>Streams <paramref name="content"/> into the store under <paramref name="key"/>, replacing any object there.</summary>
    Task<StoredObjectInfo> PutAsync(string key, Stream content, string contentType, ObjectVisibility visibility, CancellationToken cancellationToken = default);

    /// <summary>The whole object, or null when there is none.</summary>
    Task<ObjectReadResult?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Bytes <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1, or null when there is no object.</summary>
    Task<ObjectReadResult?> GetRangeAsync(string key, long start, long length, CancellationToken cancellationToken = default);

    /// <summary>The object's details, or null when there is none.</summary>
    Task<StoredObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Removes the object; removing a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The permanent URL of a public object (CDN base URL when configured).</summary>
    Uri GetPublicUrl(string key);

    /// <summary>A URL that lets its holder read the object until <paramref name="lifetime"/> has passed.</summary>
    Uri GetSignedUrl(string key, TimeSpan lifetime);
}
