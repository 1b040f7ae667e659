using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Data.Storage;
using Site.TestSupport;

namespace Site.Data.Tests.Photos;

/// <summary>Which media store a test runs against: the local folder or the real S3 server (radosgw).</summary>
public enum StoreKind
{
    Local,
    S3,
}

/// <summary>
/// A migrated test database and both media stores (a fresh folder and a fresh bucket), shared by a test class.
/// Each test uses photos of its own, so tests in a class do not disturb one another.
/// </summary>
public sealed class PhotoPipelineFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "site-photos-" + Guid.NewGuid().ToString("N"));
    private S3ObjectStorage? _s3;
    private LocalFolderStorage? _local;

    public TestDatabase Database { get; private set; } = null!;

    public PhotoOptions Options { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        _local = new LocalFolderStorage(Microsoft.Extensions.Options.Options.Create(new StorageOptions { LocalPath = _folder }), TimeProvider.System);
        _s3 = new S3ObjectStorage(Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            Kind = StorageKind.S3,
            S3 = new S3StorageOptions
            {
                ServiceUrl = TestServices.S3Url,
                AccessKey = TestServices.S3AccessKey,
                SecretKey = TestServices.S3SecretKey,
                Bucket = "photos-" + Guid.NewGuid().ToString("N")[..20],
            },
        }), NullLogger<S3ObjectStorage>.Instance);
    }

    public IObjectStorage Store(StoreKind kind) => kind == StoreKind.S3 ? _s3! : _local!;

    public SiteDbContext CreateContext() => Database.CreateContext();

    public PhotoIntake Intake(StoreKind kind, long? maxUploadBytes = null) =>
        new(Store(kind), Microsoft.Extensions.Options.Options.Create(new PhotoOptions { MaxUploadBytes = maxUploadBytes ?? Options.MaxUploadBytes }),
            TimeProvider.System, NullLogger<PhotoIntake>.Instance);

    internal PhotoProcessor Processor(StoreKind kind, PhotoRenderer? renderer = null) =>
        new(Database.CreateContextFactory(), Store(kind), renderer ?? Renderer, Options, TimeProvider.System, NullLogger<PhotoProcessor>.Instance);

    internal PhotoRenderer Renderer => field ??= new PhotoRenderer(Microsoft.Extensions.Options.Options.Create(Options));

    public SimilarPhotos Similar => new(Database.CreateContextFactory());

    /// <summary>Uploads and saves one photo, as the web host will; fails the test when the upload is not accepted.</summary>
    public async Task<Photo> UploadAsync(StoreKind kind, byte[] bytes, string fileName)
    {
        await using var db = CreateContext();
        var result = await Intake(kind).AcceptAsync(new MemoryStream(bytes), fileName, db);
        Assert.True(result.Outcome == PhotoIntakeOutcome.Accepted, result.Message);
        await db.SaveChangesAsync();
        return result.Photo!;
    }

    /// <summary>Keys of every object stored for the photo.</summary>
    public async Task<List<string>> StoredKeysAsync(StoreKind kind, Guid photoId)
    {
        var keys = new List<string>();
        await foreach (var entry in Store(kind).ListAsync(Domain.Photos.PhotoStorageKeys.Prefix(photoId)))
        {
            keys.Add(entry.Key);
        }

        return keys;
    }

    public async Task<byte[]> ReadAsync(StoreKind kind, string key)
    {
        await using var read = await Store(kind).GetAsync(key) ?? throw new InvalidOperationException($"{key} is not stored");
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task DisposeAsync()
    {
        _s3?.Dispose();
        await Database.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
