using System.Diagnostics;
using ImageMagick;
using ImageMagick.Drawing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Hosting;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Data.Storage;

// The photo benchmark's runner (bench/photos.sh drives it):
//   generate FILE WIDTH HEIGHT         writes a camera-like JPEG (texture, edges, a subject) of that size
//   copies FILE FOLDER N               writes N copies of FILE into FOLDER, each made unique (a JPEG comment)
//   process CONNECTION MEDIA FOLDER [CONCURRENCY]
//                                      uploads every copy in FOLDER and processes them all through
//                                      PhotoIntake and PhotoProcessor (at most CONCURRENCY decodes at once, default the
//                                      product's default), then prints timings and peak memory
return args switch
{
    ["generate", var file, var width, var height] => Generate(file, int.Parse(width), int.Parse(height)),
    ["copies", var file, var folder, var count] => await CopiesAsync(file, folder, int.Parse(count)),
    ["process", var connection, var media, var folder] => await ProcessAsync(connection, media, folder, new PhotoOptions().MaxConcurrentProcessing),
    ["process", var connection, var media, var folder, var concurrency] => await ProcessAsync(connection, media, folder, int.Parse(concurrency)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: PhotoBench generate FILE WIDTH HEIGHT | copies FILE FOLDER COUNT | process CONNECTION MEDIA_FOLDER COPIES_FOLDER [CONCURRENCY]");
    return 2;
}

static int Generate(string file, int width, int height)
{
    // Noise gives the JPEG a camera-like size and decode cost; shapes give edges and a subject to find.
    using var image = new MagickImage("plasma:#5a7d9a-#c9b48a", new MagickReadSettings { Width = (uint)width, Height = (uint)height });
    image.AddNoise(NoiseType.Gaussian, 1.5);
    var drawables = new Drawables();
    var random = new Random(24);
    for (var i = 0; i < 40; i++)
    {
        drawables.FillColor(new MagickColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)))
            .Rectangle(random.Next(width), random.Next(height), random.Next(width), random.Next(height));
    }

    drawables.FillColor(new MagickColor("#d0202a")).Circle(width * 0.7, height * 0.35, width * 0.7 + height / 8.0, height * 0.35).Draw(image);
    image.Quality = 92;
    image.Write(file, MagickFormat.Jpeg);
    Console.WriteLine($"generated {file}: {width}×{height}, {new FileInfo(file).Length / 1_048_576.0:0.0} MB");
    return 0;
}

// A separate step, so the memory the copies take while being made is not counted as the pipeline's.
static async Task<int> CopiesAsync(string file, string folder, int count)
{
    var original = await File.ReadAllBytesAsync(file);
    Directory.CreateDirectory(folder);
    for (var i = 0; i < count; i++)
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, $"bench-{i:000}.jpg"), Unique(original, i));
    }

    await File.WriteAllBytesAsync(Path.Combine(folder, "warm-up.jpg.first"), Unique(original, -1));
    return 0;
}

static async Task<int> ProcessAsync(string connection, string media, string folder, int concurrency)
{
    var services = new ServiceCollection()
        .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole()
            // The first migration on an empty database logs the missing history table as a failure; it is not one.
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None))
        .AddSingleton(TimeProvider.System)
        .AddSingleton<IObjectStorage, LocalFolderStorage>()
        .AddSingleton(Options.Create(new StorageOptions { LocalPath = media }))
        .AddSingleton(Options.Create(new PhotoOptions { MaxConcurrentProcessing = concurrency }))
        .AddPooledDbContextFactory<SiteDbContext>(options => SiteDatabase.Configure(options, connection))
        .AddPhotos()
        .BuildServiceProvider();
    await using (var db = await services.GetRequiredService<IDbContextFactory<SiteDbContext>>().CreateDbContextAsync())
    {
        await db.Database.MigrateAsync();
    }

    // Uploaded from files, as a browser upload streams in.
    var paths = Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToList();
    var count = paths.Count;
    var intake = services.GetRequiredService<PhotoIntake>();
    var processor = services.GetRequiredService<PhotoProcessor>();

    // One photo first, untimed: a jobs host that has been running has its code compiled and ImageMagick loaded.
    if (!await RunOnceAsync(services, intake, processor, Path.Combine(folder, "warm-up.jpg.first")))
    {
        return 1;
    }

    using var sampler = new MemorySampler();
    var total = Stopwatch.StartNew();
    var ids = new List<Guid>();
    var upload = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SiteDbContext>>().CreateDbContextAsync();
        await using var content = File.OpenRead(paths[i]);
        var result = await intake.AcceptAsync(content, Path.GetFileName(paths[i]), db);
        if (result.Outcome != PhotoIntakeOutcome.Accepted)
        {
            Console.Error.WriteLine($"upload {i} was not accepted: {result.Message}");
            return 1;
        }

        await db.SaveChangesAsync();
        ids.Add(result.Photo!.Id);
    }

    upload.Stop();
    var processing = Stopwatch.StartNew();
    // As the jobs host will: every photo handed over at once, the processor's own cap deciding how many run.
    var outcomes = await Task.WhenAll(ids.Select(id => processor.ProcessAsync(id)));
    processing.Stop();
    total.Stop();
    if (outcomes.Any(o => o != PhotoProcessingOutcome.Complete))
    {
        Console.Error.WriteLine("some photos did not complete: " + string.Join(", ", outcomes));
        return 1;
    }

    Console.WriteLine($"photos={count} upload_s={upload.Elapsed.TotalSeconds:0.000} process_s={processing.Elapsed.TotalSeconds:0.000} " +
                      $"total_s={total.Elapsed.TotalSeconds:0.000} per_minute={count / total.Elapsed.TotalMinutes:0.0} " +
                      $"peak_mb={PeakResidentMegabytes():0} peak_managed_mb={sampler.PeakManagedMegabytes:0} native_at_peak_mb={sampler.NativeAtPeakMegabytes:0}");
    return 0;
}

static async Task<bool> RunOnceAsync(IServiceProvider services, PhotoIntake intake, PhotoProcessor processor, string path)
{
    await using var db = await services.GetRequiredService<IDbContextFactory<SiteDbContext>>().CreateDbContextAsync();
    await using var content = File.OpenRead(path);
    var result = await intake.AcceptAsync(content, "warm-up.jpg", db);
    await db.SaveChangesAsync();
    return result.Photo is { } photo && await processor.ProcessAsync(photo.Id) == PhotoProcessingOutcome.Complete;
}

// Each copy gets a JPEG comment of its own, so the intake sees a new file rather than an exact duplicate.
static byte[] Unique(byte[] jpeg, int index)
{
    var text = System.Text.Encoding.ASCII.GetBytes($"bench copy {index:000}");
    byte[] comment = [0xFF, 0xFE, 0, (byte)(text.Length + 2), .. text];
    return [.. jpeg[..2], .. comment, .. jpeg[2..]];
}

// The kernel's high-water mark of resident memory (VmHWM), including ImageMagick's native allocations.
static double PeakResidentMegabytes()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
}

/// <summary>
/// Samples resident memory and the GC's committed memory every 20 ms, so the peak can be split into what the .NET
/// heap holds and what is native (ImageMagick's pixels and codecs, malloc's arenas, the runtime itself).
/// </summary>
sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakResident;
    private long _managedAtPeak;
    private long _peakManaged;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

    public double PeakManagedMegabytes => Interlocked.Read(ref _peakManaged) / 1_048_576.0;

    public double NativeAtPeakMegabytes => (Interlocked.Read(ref _peakResident) - Interlocked.Read(ref _managedAtPeak)) / 1_048_576.0;

    private void Sample()
    {
        var managed = GC.GetGCMemoryInfo().TotalCommittedBytes is > 0 and var committed ? committed : GC.GetTotalMemory(false);
        var resident = ResidentBytes();
        lock (_timer)
        {
            _peakManaged = Math.Max(_peakManaged, managed);
            if (resident > _peakResident)
            {
                (_peakResident, _managedAtPeak) = (resident, managed);
            }
        }
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public void Dispose() => _timer.Dispose();
}
