using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Domain.Storage;

namespace Site.Data.Storage;

/// <summary>
/// Media storage in an S3-compatible bucket. Uploads of unknown length go up in parts of <see cref="PartSize"/>, so
/// memory stays flat whatever the size, and a failed upload is aborted so no partial object is ever visible.
/// Public objects get the public-read ACL; private ones are reachable only by presigned URL.
/// </summary>
public sealed class S3ObjectStorage : IObjectStorage, IDisposable
{
    /// <summary>S3's smallest allowed part (except the last) is 5 MiB.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    private const string VisibilityMetadata = "x-amz-meta-visibility";

    private readonly AmazonS3Client _client;
    private readonly S3StorageOptions _settings;
    private readonly string _publicBase;
    private readonly ILogger<S3ObjectStorage> _logger;
    private readonly SemaphoreSlim _bucketCheck = new(1, 1);
    private bool _bucketReady;

    public S3ObjectStorage(IOptions<StorageOptions> options, ILogger<S3ObjectStorage> logger)
    {
        var storage = options.Value;
        _settings = storage.S3;
        _logger = logger;
        _client = new AmazonS3Client(
            new BasicAWSCredentials(_settings.AccessKey, _settings.SecretKey),
            new AmazonS3Config
            {
                ServiceURL = _settings.ServiceUrl,
                AuthenticationRegion = _settings.Region,
                ForcePathStyle = _settings.ForcePathStyle,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                Timeout = TimeSpan.FromSeconds(100),
                MaxErrorRetry = 3,
            });
        _publicBase = storage.PublicBaseUrl is { Length: > 0 } cdn
            ? cdn.TrimEnd('/')
            : $"{_settings.ServiceUrl.TrimEnd('/')}/{_settings.Bucket}";
    }

    public async Task<StoredObjectInfo> PutAsync(string key, Stream content, string contentType, ObjectVisibility visibility, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        var buffer = new byte[PartSize];
        var first = await FillAsync(content, buffer, cancellationToken);
        long length;
        if (first < PartSize)
        {
            var put = new PutObjectRequest
            {
                BucketName = _settings.Bucket,
                Key = key,
                InputStream = new MemoryStream(buffer, 0, first, writable: false),
                ContentType = contentType,
                CannedACL = Acl(visibility),
                UseChunkEncoding = false,
            };
            put.Metadata[VisibilityMetadata] = visibility.ToString();
            await _client.PutObjectAsync(put, cancellationToken);
            length = first;
        }
        else
        {
            length = await PutMultipartAsync(key, content, contentType, visibility, buffer, first, cancellationToken);
        }

        return new StoredObjectInfo(key, length, contentType, visibility, DateTimeOffset.UtcNow);
    }

    private async Task<long> PutMultipartAsync(string key, Stream content, string contentType, ObjectVisibility visibility, byte[] buffer, int firstPart, CancellationToken cancellationToken)
    {
        var start = new InitiateMultipartUploadRequest
        {
            BucketName = _settings.Bucket,
            Key = key,
            ContentType = contentType,
            CannedACL = Acl(visibility),
        };
        start.Metadata[VisibilityMetadata] = visibility.ToString();
        var upload = await _client.InitiateMultipartUploadAsync(start, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            long length = 0;
            var filled = firstPart;
            while (filled > 0)
            {
                var part = await _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _settings.Bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = parts.Count + 1,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                    PartSize = filled,
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                length += filled;
                filled = filled < PartSize ? 0 : await FillAsync(content, buffer, cancellationToken);
            }

            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _settings.Bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken);
            return length;
        }
        catch
        {
            await AbortQuietlyAsync(key, upload.UploadId);
            throw;
        }
    }

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = _settings.Bucket,
                Key = key,
                UploadId = uploadId,
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not abort the multipart upload {UploadId} of {Key}; the bucket's lifecycle rule must clean it", uploadId, key);
        }
    }

    public async Task<ObjectReadResult?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        return await ReadAsync(new GetObjectRequest { BucketName = _settings.Bucket, Key = key }, key, null, cancellationToken);
    }

    public async Task<ObjectReadResult?> GetRangeAsync(string key, long start, long length, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var request = new GetObjectRequest
        {
            BucketName = _settings.Bucket,
            Key = key,
            ByteRange = new ByteRange(start, start + length - 1),
        };
        return await ReadAsync(request, key, start, cancellationToken);
    }

    private async Task<ObjectReadResult?> ReadAsync(GetObjectRequest request, string key, long? rangeStart, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectAsync(request, cancellationToken);
            var total = rangeStart is null ? response.ContentLength : TotalLength(response) ?? response.ContentLength;
            var info = new StoredObjectInfo(key, total, response.Headers.ContentType, VisibilityOf(response.Metadata), response.LastModified ?? DateTimeOffset.UtcNow);
            return new ObjectReadResult(info, response.ResponseStream, rangeStart, rangeStart is null ? null : response.ContentLength);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && rangeStart is not null)
        {
            var info = await GetInfoAsync(key, cancellationToken);
            return info is null ? null : new ObjectReadResult(info, Stream.Null, rangeStart, 0);
        }
    }

    private static long? TotalLength(GetObjectResponse response)
    {
        // Content-Range: bytes 0-99/1234
        var range = response.ContentRange;
        var slash = range?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(range![(slash + 1)..], out var total) ? total : null;
    }

    public async Task<StoredObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        try
        {
            var head = await _client.GetObjectMetadataAsync(_settings.Bucket, key, cancellationToken);
            return new StoredObjectInfo(key, head.ContentLength, head.Headers.ContentType, VisibilityOf(head.Metadata), head.LastModified ?? DateTimeOffset.UtcNow);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureBucketAsync(cancellationToken);
        var request = new ListObjectsV2Request { BucketName = _settings.Bucket, Prefix = prefix };
        do
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in page.S3Objects ?? [])
            {
                // Listing does not return content type or metadata; a HEAD per object does.
                if (await GetInfoAsync(entry.Key, cancellationToken) is { } info)
                {
                    yield return info;
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        try
        {
            await _client.DeleteObjectAsync(_settings.Bucket, key, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket")
        {
            // The bucket is created by the first write; until then there is nothing to delete.
        }
    }

    public Uri GetPublicUrl(string key)
    {
        ObjectKey.Validate(key);
        return new Uri($"{_publicBase}/{key}", UriKind.Absolute);
    }

    public Uri GetSignedUrl(string key, TimeSpan lifetime)
    {
        ObjectKey.Validate(key);
        var url = _client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _settings.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(lifetime),
            Protocol = _settings.ServiceUrl.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTPS : Protocol.HTTP,
        });
        return new Uri(url, UriKind.Absolute);
    }

    public void Dispose()
    {
        _client.Dispose();
        _bucketCheck.Dispose();
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady)
        {
            return;
        }

        await _bucketCheck.WaitAsync(cancellationToken);
        try
        {
            if (!_bucketReady)
            {
                try
                {
                    await _client.PutBucketAsync(new PutBucketRequest { BucketName = _settings.Bucket }, cancellationToken);
                    _logger.LogInformation("Created bucket {Bucket}", _settings.Bucket);
                }
                catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                {
                }

                _bucketReady = true;
            }
        }
        finally
        {
            _bucketCheck.Release();
        }
    }

    private static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static S3CannedACL Acl(ObjectVisibility visibility) =>
        visibility == ObjectVisibility.Public ? S3CannedACL.PublicRead : S3CannedACL.Private;

    private static ObjectVisibility VisibilityOf(MetadataCollection metadata) =>
        Enum.TryParse<ObjectVisibility>(metadata[VisibilityMetadata], out var visibility) ? visibility : ObjectVisibility.Private;
}
