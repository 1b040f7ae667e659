using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Site.Data.Configuration;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Data.Storage;
using Site.Domain.Photos;
using Site.TestSupport;

namespace Site.Blazor.Tests.Admin.Photos;

/// <summary>
/// The admin's photo pages rendered by bUnit as interactive components, on the real photo services, a fresh database
/// and a fresh media folder. Photos are planted as rows, so the pages are tested without running ImageMagick.
/// </summary>
public sealed class PhotoAdminContext : IAsyncLifetime
{
    private readonly string _media = Path.Combine(Path.GetTempPath(), "site-photo-admin-" + Guid.NewGuid().ToString("N"));

    public BunitContext Bunit { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public NavigationManager Navigation => Bunit.Services.GetRequiredService<NavigationManager>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var services = Bunit.Services;
        services.AddMudServices();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<SiteDbContext>(o => SiteDatabase.Configure(o, Database.ConnectionString));
        services.AddSingleton(Options.Create(new StorageOptions { LocalPath = _media }));
        services.AddSingleton<IObjectStorage, LocalFolderStorage>();
        services.AddSingleton<PhotoLibrary>();
        services.AddSingleton<Site.Data.Albums.AlbumAdminQuery>();
        services.AddSingleton<SimilarPhotos>();
        services.AddSingleton<PhotoActivity>();
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async Task DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(_media))
        {
            Directory.Delete(_media, recursive: true);
        }
    }

    /// <summary>A pending photo row named after its id ("{id:N}.jpg"); change it before planting.</summary>
    public static Photo Row(DateTimeOffset uploadedAt)
    {
        var id = Guid.NewGuid();
        return new Photo
        {
            Id = id,
            OriginalFileName = $"{id:N}.jpg",
            OriginalKey = PhotoStorageKeys.Prefix(id) + "original.jpg",
            Format = PhotoFormat.Jpeg,
            SizeBytes = 1000,
            Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            UploadedAt = uploadedAt,
        };
    }

    public async Task PlantAsync(params Photo[] photos)
    {
        await using var db = Database.CreateContext();
        db.Photos.AddRange(photos);
        await db.SaveChangesAsync();
    }
}
