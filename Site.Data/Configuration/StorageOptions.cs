namespace Site.Data.Configuration;

public enum StorageKind
{
    /// <summary>A folder on this machine, served by the web host.</summary>
    Local,

    /// <summary>An S3-compatible object store.</summary>
    S3,
}

/// <summary>Settings under <c>Site:Storage</c>.</summary>
public sealed class StorageOptions : ISiteOptions
{
    public const string Section = "Site:Storage";

    public StorageKind Kind { get; set; } = StorageKind.Local;

    /// <summary>Root folder of the local store when <see cref="Kind"/> is Local.</summary>
    public string LocalPath { get; set; } = ".local/media";

    /// <summary>
    /// Base URL under which public objects are reachable (a CDN in production). When empty, public objects are served
    /// by the web host (Local) or straight from the bucket (S3).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Key for signing private-object URLs of the local store (at least 32 characters). When empty, one is generated
    /// once and kept inside <see cref="LocalPath"/>, which both hosts share.
    /// </summary>
    public string? SigningKey { get; set; }

    public S3StorageOptions S3 { get; set; } = new();

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (PublicBaseUrl is { Length: > 0 } && !IsHttpUrl(PublicBaseUrl))
        {
            yield return $"{sectionPath}:PublicBaseUrl must be an absolute http(s) URL, not '{PublicBaseUrl}'.";
        }

        if (SigningKey is { Length: > 0 and < 32 })
        {
            yield return $"{sectionPath}:SigningKey must be at least 32 characters long.";
        }

        switch (Kind)
        {
            case StorageKind.Local when string.IsNullOrWhiteSpace(LocalPath):
                yield return $"{sectionPath}:LocalPath is required when {sectionPath}:Kind is Local.";
                break;
            case StorageKind.S3:
                if (!IsHttpUrl(S3.ServiceUrl))
                {
                    yield return $"{sectionPath}:S3:ServiceUrl must be an absolute http(s) URL when {sectionPath}:Kind is S3.";
                }

                if (string.IsNullOrWhiteSpace(S3.Bucket))
                {
                    yield return $"{sectionPath}:S3:Bucket is required when {sectionPath}:Kind is S3.";
                }

                if (string.IsNullOrWhiteSpace(S3.AccessKey) || string.IsNullOrWhiteSpace(S3.SecretKey))
                {
                    yield return $"{sectionPath}:S3:AccessKey and {sectionPath}:S3:SecretKey are required when {sectionPath}:Kind is S3.";
                }

                break;
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>Settings under <c>Site:Storage:S3</c>.</summary>
public sealed class S3StorageOptions
{
    public string ServiceUrl { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = "";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>Path-style addressing (bucket in the path); needed by most self-hosted S3 servers.</summary>
    public bool ForcePathStyle { get; set; } = true;
}
