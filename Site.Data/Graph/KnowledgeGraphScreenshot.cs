using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Data.Storage;
using Site.Domain.Jobs;

namespace Site.Data.Graph;

/// <summary>
/// Photographs the knowledge graph (schedule <c>knowledge-graph-screenshot</c>, nightly, and enqueued by the rebuild
/// when the graph's hash changes): headless Chromium renders the real <c>/graph</c> page at 2400×1600, scale 2, and
/// the PNG goes to object storage, where it serves as the site's default social image. A graph that already has its
/// picture is not photographed again.
/// </summary>
public sealed record TakeKnowledgeGraphScreenshot : IJob
{
    public static JobDefinition Definition { get; } = new("graph.screenshot", JobQueues.Heavy)
    {
        Timeout = TimeSpan.FromMinutes(5),
    };
}

/// <summary>The size of the picture, in CSS pixels, and its scale: the PNG is twice as large.</summary>
public static class GraphScreenshotSize
{
    public const int Width = 2400;
    public const int Height = 1600;
    public const int Scale = 2;
}

/// <summary>Drives Chromium to take one picture of the graph page. A fresh browser per picture, always closed.</summary>
public sealed class GraphScreenshotter(IOptions<GraphScreenshotOptions> options, ILogger<GraphScreenshotter> logger)
{
    public async Task<byte[]> TakeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!File.Exists(settings.ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {settings.ChromiumPath}: install it (apt-get install chromium) or set Site:Graph:ChromiumPath.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var profile = Directory.CreateTempSubdirectory("site-graph-chromium-");
        IBrowser? browser = null;
        try
        {
            browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = settings.ChromiumPath,
                Headless = true,
                UserDataDir = profile.FullName,
                Timeout = (int)settings.Timeout.TotalMilliseconds,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                ],
            }).WaitAsync(timeout.Token);
            await using var page = await browser.NewPageAsync().WaitAsync(timeout.Token);
            await page.SetViewportAsync(new ViewPortOptions
            {
                Width = GraphScreenshotSize.Width,
                Height = GraphScreenshotSize.Height,
                DeviceScaleFactor = GraphScreenshotSize.Scale,
            }).WaitAsync(timeout.Token);
            var url = new Uri(new Uri(settings.WebBaseUrl.TrimEnd('/') + "/"), $"graph?layout-ms={settings.LayoutMilliseconds}");
            var response = await page.GoToAsync(url.ToString(), new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] }).WaitAsync(timeout.Token);
            if (response is null || !response.Ok)
            {
                throw new InvalidOperationException($"The graph page at {url} answered {(int?)response?.Status ?? 0}; check Site:Graph:WebBaseUrl.");
            }

            await page.WaitForSelectorAsync("[data-test=graph-canvas][data-layout=done]", new WaitForSelectorOptions
            {
                Timeout = (int)settings.Timeout.TotalMilliseconds,
            }).WaitAsync(timeout.Token);
            var png = await page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png }).WaitAsync(timeout.Token);
            logger.LogInformation("Graph screenshot taken from {Url}: {Bytes} bytes", url, png.Length);
            return png;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The graph screenshot took longer than {settings.Timeout} (Site:Graph:Timeout); the browser was closed.");
        }
        finally
        {
            if (browser is not null)
            {
                await browser.CloseAsync();
                await browser.DisposeAsync();
            }

            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Runs <see cref="TakeKnowledgeGraphScreenshot"/>: one picture per version of the graph.</summary>
public sealed class TakeKnowledgeGraphScreenshotHandler(
    KnowledgeGraphSource source,
    GraphScreenshotter screenshotter,
    IObjectStorage storage,
    IDbContextFactory<SiteDbContext> dbFactory,
    TimeProvider clock,
    ILogger<TakeKnowledgeGraphScreenshotHandler> logger) : IJobHandler<TakeKnowledgeGraphScreenshot>
{
    public const string KeyPrefix = "graph/";

    public async Task RunAsync(TakeKnowledgeGraphScreenshot job, JobRunContext context, CancellationToken cancellationToken)
    {
        var graph = await source.BuildAsync(cancellationToken);
        var hash = graph.ContentHash();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var snapshot = await db.Set<KnowledgeGraphSnapshot>().SingleOrDefaultAsync(s => s.Hash == hash, cancellationToken);
        if (snapshot?.ScreenshotKey is not null)
        {
            logger.LogInformation("The graph has not changed since its last screenshot ({Hash}); nothing to do", hash);
            return;
        }

        var png = await screenshotter.TakeAsync(cancellationToken);
        var key = $"{KeyPrefix}knowledge-graph-{hash[..16]}.png";
        using (var content = new MemoryStream(png, writable: false))
        {
            await storage.PutAsync(key, content, "image/png", ObjectVisibility.Public, cancellationToken);
        }

        if (snapshot is null)
        {
            snapshot = new KnowledgeGraphSnapshot { Hash = hash, NodeCount = graph.Nodes.Count, EdgeCount = graph.Edges.Count, BuiltAt = clock.GetUtcNow() };
            db.Add(snapshot);
        }

        snapshot.ScreenshotKey = key;
        snapshot.ScreenshotAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The newest screenshot of the graph, for the API and the social image.</summary>
public sealed class GraphScreenshotQuery(IDbContextFactory<SiteDbContext> dbFactory)
{
    public async Task<string?> LatestKeyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<KnowledgeGraphSnapshot>().AsNoTracking()
            .Where(s => s.ScreenshotKey != null)
            .OrderByDescending(s => s.ScreenshotAt)
            .Select(s => s.ScreenshotKey)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
