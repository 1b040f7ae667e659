using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Storage;
using Site.TestSupport;

namespace Site.Data.Tests.Storage;

/// <summary>The storage contract against the real radosgw that ./test starts, in a bucket of this class's own.</summary>
public sealed class S3ObjectStorage_Contract(S3ObjectStorage_Contract.Bucket bucket)
    : ObjectStorageContract, IClassFixture<S3ObjectStorage_Contract.Bucket>
{
    // No credentials, no cookies: what a visitor's browser or a CDN does.
    private static readonly HttpClient Anonymous = new() { Timeout = TimeSpan.FromSeconds(30) };

    protected override IObjectStorage Storage => bucket.Storage;

    [Fact]
    public async Task ASignedUrl_StopsWorkingWhenItExpires()
    {
        var key = Prefix + "private.jpg";
        await Storage.PutAsync(key, new MemoryStream([1, 2, 3]), "image/jpeg", ObjectVisibility.Private);
        var url = Storage.GetSignedUrl(key, TimeSpan.FromSeconds(1));

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var response = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DeletingBeforeAnythingWasStored_IsFine()
    {
        var name = "site-test-" + Guid.NewGuid().ToString("N")[..20];
        using var fresh = Bucket.CreateStorage(name);
        try
        {
            await fresh.DeleteAsync("never/stored.txt");

            Assert.Null(await fresh.GetInfoAsync("never/stored.txt"));
            Assert.Null(await fresh.GetAsync("never/stored.txt"));
        }
        finally
        {
            await bucket.DeleteBucketAsync(name);
        }
    }

    protected override async Task AssertReadableAnonymouslyAsync(string key, Uri publicUrl, byte[] expected)
    {
        Assert.Equal($"{TestServices.S3Url}/{bucket.Name}/{key}", publicUrl.ToString());
        using var response = await Anonymous.GetAsync(publicUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    protected override async Task AssertNotReadableAnonymouslyAsync(string key, Uri publicUrl)
    {
        using var response = await Anonymous.GetAsync(publicUrl);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    protected override async Task AssertSignedUrlGrantsReadAsync(string key, Uri signedUrl, byte[] expected)
    {
        using var response = await Anonymous.GetAsync(signedUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());

        var tampered = new Uri(signedUrl.ToString().Replace(key, key + "x", StringComparison.Ordinal));
        using var refused = await Anonymous.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    protected override async Task AssertNoUploadLeftoversAsync(string key)
    {
        // An unfinished multipart upload is invisible but keeps its parts' bytes until aborted.
        var uploads = await bucket.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket.Name, Prefix = key });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    /// <summary>A bucket that exists for one test class, emptied and removed afterwards.</summary>
    public sealed class Bucket : IAsyncLifetime
    {
        public string Name { get; } = "site-test-" + Guid.NewGuid().ToString("N")[..20];

        public S3ObjectStorage Storage { get; }

        /// <summary>A plain client, for looking at what the store cannot show (unfinished uploads) and cleaning up.</summary>
        public AmazonS3Client Client { get; } = new(
            new BasicAWSCredentials(TestServices.S3AccessKey, TestServices.S3SecretKey),
            new AmazonS3Config
            {
                ServiceURL = TestServices.S3Url,
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });

        public Bucket() => Storage = CreateStorage(Name);

        public static S3ObjectStorage CreateStorage(string bucket) => new(
            Options.Create(new StorageOptions
            {
                Kind = StorageKind.S3,
                S3 = new S3StorageOptions
                {
                    ServiceUrl = TestServices.S3Url,
                    Bucket = bucket,
                    AccessKey = TestServices.S3AccessKey,
                    SecretKey = TestServices.S3SecretKey,
                },
            }),
            NullLogger<S3ObjectStorage>.Instance);

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            try
            {
                await DeleteBucketAsync(Name);
            }
            finally
            {
                Storage.Dispose();
                Client.Dispose();
            }
        }

        /// <summary>Removes <paramref name="name"/> with everything in it, when it exists.</summary>
        public async Task DeleteBucketAsync(string name)
        {
            try
            {
                var uploads = await Client.ListMultipartUploadsAsync(name);
                foreach (var upload in uploads.MultipartUploads ?? [])
                {
                    await Client.AbortMultipartUploadAsync(name, upload.Key, upload.UploadId);
                }

                var listing = new ListObjectsV2Request { BucketName = name };
                do
                {
                    var page = await Client.ListObjectsV2Async(listing);
                    foreach (var entry in page.S3Objects ?? [])
                    {
                        await Client.DeleteObjectAsync(name, entry.Key);
                    }

                    listing.ContinuationToken = page.NextContinuationToken;
                }
                while (!string.IsNullOrEmpty(listing.ContinuationToken));

                await Client.DeleteBucketAsync(name);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // Nothing was ever stored, so the bucket was never created.
            }
        }
    }
}
