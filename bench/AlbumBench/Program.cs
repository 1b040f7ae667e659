using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Albums;
using Site.Data.Configuration;
using Site.Data.Hosting;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Data.Storage;

// The album ZIP benchmark's runner (see bench/albums.sh):
//   generate FOLDER TOTAL_MB            photo-sized files (random bytes behind a JPEG signature) adding up to TOTAL_MB
//   load CONNECTION MEDIA FOLDER        stores them as photos of one album (not timed), prints the album id
//   zip CONNECTION MEDIA ALBUM_ID       builds the album's ZIP with the product's builder; prints time and memory
return args switch
{
    ["generate", var folder, var megabytes] => Generate(folder, int.Parse(megabytes, CultureInfo.InvariantCulture)),
    ["load", var connection, var media, var folder] => await LoadAsync(connection, media, folder),
    ["zip", var connection, var media, var album] => await ZipAsync(connection, media, Guid.Parse(album)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: AlbumBench generate FOLDER TOTAL_MB | load CONNECTION MEDIA FOLDER | zip CONNECTION MEDIA ALBUM_ID");
    return 2;
}

// 20 MB a file, as a high-resolution camera's JPEG or a small RAW-sized export.
static int Generate(string folder, int totalMegabytes)
{
    const int fileBytes = 20 * 1024 * 1024;
    Directory.CreateDirectory(folder);
    var count = Math.Max(1, (int)Math.Ceiling(totalMegabytes * 1024.0 * 1024 / fileBytes));
    var buffer = new byte[fileBytes];
    for (var i = 0; i < count; i++)
    {
        RandomNumberGenerator.Fill(buffer);
        buffer[0] = 0xFF;
        buffer[1] = 0xD8;
        buffer[2] = 0xFF;
        buffer[3] = 0xE0;
        File.WriteAllBytes(Path.Combine(folder, $"IMG_{i:0000}.jpg"), buffer);
    }

    return 0;
}

static ServiceProvider Services(string connection, string media) => new ServiceCollection()
    .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole()
        .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None))
    .AddSingleton(TimeProvider.System)
    .AddSingleton<IObjectStorage, LocalFolderStorage>()
    .AddSingleton(Options.Create(new StorageOptions { LocalPath = media }))
    .AddSingleton(Options.Create(new PhotoOptions()))
    .AddPooledDbContextFactory<SiteDbContext>(options => SiteDatabase.Configure(options, connection))
    .AddPhotos()
    .BuildServiceProvider();

static async Task<int> LoadAsync(string connection, string media, string folder)
{
    await using var services = Services(connection, media);
    var databases = services.GetRequiredService<IDbContextFactory<SiteDbContext>>();
    await using (var db = await databases.CreateDbContextAsync())
    {
        await db.Database.MigrateAsync();
    }

    var intake = services.GetRequiredService<PhotoIntake>();
    var placements = new List<AlbumPhotoPlacement>();
    foreach (var path in Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal))
    {
        await using var db = await databases.CreateDbContextAsync();
        await using var file = File.OpenRead(path);
        var result = await intake.AcceptAsync(file, Path.GetFileName(path), db);
        if (result.Outcome != PhotoIntakeOutcome.Accepted)
        {
            Console.Error.WriteLine($"{path}: {result.Message}");
            return 1;
        }

        await db.SaveChangesAsync();
        placements.Add(new AlbumPhotoPlacement(result.Photo!.Id, false));
    }

    var saved = await services.GetRequiredService<AlbumEditor>()
        .SaveAsync(null, new AlbumDraft("Benchmark album", null, null, false, true, null, placements));
    if (!saved.Saved)
    {
        Console.Error.WriteLine(string.Join("; ", saved.Problems.Values));
        return 1;
    }

    Console.WriteLine(saved.AlbumId);
    return 0;
}

static async Task<int> ZipAsync(string connection, string media, Guid albumId)
{
    await using var services = Services(connection, media);
    var builder = services.GetRequiredService<AlbumZipBuilder>();
    var databases = services.GetRequiredService<IDbContextFactory<SiteDbContext>>();

    // Warm up what any running jobs host has ready (the database pool, EF's compiled queries, the builder's code) by
    // building the ZIP of a one-photo album first: the measured build then shows what the album's size costs.
    Guid firstPhoto;
    await using (var db = await databases.CreateDbContextAsync())
    {
        firstPhoto = await db.AlbumPhotos.AsNoTracking().Where(p => p.AlbumId == albumId).OrderBy(p => p.DisplayOrder).Select(p => p.PhotoId).FirstAsync();
    }

    var warmUp = await services.GetRequiredService<AlbumEditor>()
        .SaveAsync(null, new AlbumDraft("Warm-up album", null, null, false, true, null, [new AlbumPhotoPlacement(firstPhoto, false)]));
    await builder.BuildAsync(warmUp.AlbumId!.Value, force: true);

    GC.Collect();
    GC.WaitForPendingFinalizers();
    var baseline = ResidentBytes();
    var peak = baseline;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, ResidentBytes());
            await Task.Delay(10);
        }
    });

    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    var outcome = await builder.BuildAsync(albumId, force: true);
    clock.Stop();
    await sampling.CancelAsync();
    await sampler;
    peak = Math.Max(peak, ResidentBytes());
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

    await using var read = await databases.CreateDbContextAsync();
    var album = await read.Albums.AsNoTracking().SingleAsync(a => a.Id == albumId);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"outcome={outcome} zip_key={album.ZipKey} zip_bytes={album.ZipSizeBytes} seconds={clock.Elapsed.TotalSeconds:0.000} rss_growth_mb={(peak - baseline) / 1048576.0:0.0} rss_baseline_mb={baseline / 1048576.0:0.0} allocated_mb={allocated / 1048576.0:0.0}"));
    return outcome == AlbumZipOutcome.Built ? 0 : 1;
}

static long ResidentBytes()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    return 0;
}
