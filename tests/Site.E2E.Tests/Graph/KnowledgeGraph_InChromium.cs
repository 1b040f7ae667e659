using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Site.Blazor.Tests;
using Site.Data.Content;
using Site.TestSupport;

namespace Site.E2E.Tests.Graph;

/// <summary>
/// The knowledge graph in a real Chromium over the demo content: it draws (on a 2D canvas, without a GPU),
/// hovering a post shows its title, clicking opens it, and nothing breaks the Content-Security-Policy.
/// </summary>
public class KnowledgeGraph_InChromium
{
    [Fact]
    public async Task GraphDraws_HoverShowsTheTitle_ClickOpensThePost()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SiteWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Site:Content:Path"] = Path.Combine(TestServices.RepositoryRoot, "content"),
            ["Site:Content:SyncAtStart"] = "false",
        });
        var address = factory.StartKestrel();
        await factory.Services.GetRequiredService<ContentSync>().RunAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var console = new ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Enqueue($"pageerror: {error}");
        var workers = new ConcurrentQueue<string>();
        page.Worker += (_, worker) => workers.Enqueue(worker.Url);
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
            """);

        var response = await page.GotoAsync(new Uri(address, "/graph?layout-ms=1500").ToString());
        Assert.Equal(200, response!.Status);
        // The static list is there before (and without) any script.
        Assert.True(await page.Locator("[data-test=graph-link-list] a[href^='/b/']").CountAsync() >= 29);

        try
        {
            await page.Locator("[data-test=graph-canvas][data-layout=done]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("The graph never finished its layout. Browser said:\n" + string.Join("\n", console));
        }

        Assert.Contains("29 posts", await page.Locator("[data-test=graph-summary]").InnerTextAsync());
        // The layout ran in the site's own worker file (not on the page's main thread), and the CSP let it start.
        Assert.Contains(workers, url => new Uri(url).AbsolutePath.Contains("/js/graph/graph-layout-worker", StringComparison.Ordinal));
        var graphPageViolations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.True(graphPageViolations.Length == 0, "Content-Security-Policy violations on the graph page:\n" + string.Join("\n", graphPageViolations));
        var canvasShot = await page.Locator("[data-test=graph-canvas]").ScreenshotAsync();
        var coloured = await ColouredPixelsAsync(browser, canvasShot);
        Assert.True(coloured > 2000, $"The graph drew only {coloured} non-white pixels.");

        // The wheel zooms in where the pointer is; "f" fits the whole graph in view again.
        var canvasBox = (await page.Locator("[data-test=graph-canvas]").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(canvasBox.X + canvasBox.Width / 2, canvasBox.Y + canvasBox.Height / 2);
        await page.Mouse.WheelAsync(0, -400);
        await page.WaitForFunctionAsync("() => window.siteKnowledgeGraph.camera.zoom > 1.5");
        await page.Locator("h1").ClickAsync();
        await FitAsync(page);

        // Dragging pans the view, and a drag that starts on a post does not open it.
        var hub = await MostLinkedPostAsync(page);
        var cameraX = await page.EvaluateAsync<double>("() => window.siteKnowledgeGraph.camera.x");
        await page.Mouse.MoveAsync((float)hub.X, (float)hub.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)hub.X + 120, (float)hub.Y + 40, new MouseMoveOptions { Steps = 6 });
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(500); // time for a navigation to start, were the drag taken for a click
        Assert.EndsWith("/graph?layout-ms=1500", page.Url);
        Assert.NotEqual(cameraX, await page.EvaluateAsync<double>("() => window.siteKnowledgeGraph.camera.x"));
        await FitAsync(page);

        // Hover the most linked post: its title shows in the tooltip.
        var target = await MostLinkedPostAsync(page);
        await page.Mouse.MoveAsync((float)target.X, (float)target.Y);
        var tooltip = page.Locator("[data-test=graph-tooltip]");
        await tooltip.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        Assert.Contains(target.Title, await tooltip.InnerTextAsync());

        await page.Mouse.ClickAsync((float)target.X, (float)target.Y);
        await page.WaitForURLAsync(url => url.EndsWith(target.Url, StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 15_000 });
        Assert.Equal(target.Title, await page.Locator("h1").InnerTextAsync());

        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.True(violations.Length == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
        Assert.DoesNotContain(console, line => line.StartsWith("pageerror", StringComparison.Ordinal) || line.Contains("Refused to", StringComparison.Ordinal));
    }

    /// <summary>Presses "f" and waits until the camera has eased back to the fitted view.</summary>
    private static async Task FitAsync(IPage page)
    {
        await page.Keyboard.PressAsync("f");
        await page.WaitForFunctionAsync("() => Math.abs(window.siteKnowledgeGraph.camera.zoom - 1) < 0.01 && !window.siteKnowledgeGraph.camera.animation");
    }

    /// <summary>The most linked post (the largest node): its title, URL and where it is on the screen.</summary>
    private static Task<NodeOnScreen> MostLinkedPostAsync(IPage page) => page.EvaluateAsync<NodeOnScreen>("""
        () => {
          const view = window.siteKnowledgeGraph;
          let best = null;
          view.graph.forEachNode((key, a) => { if (!best || a.size > best.size) best = { key, ...a }; });
          const p = view.screenPosition(best.key);
          const box = view.container.getBoundingClientRect();
          return { title: best.label, url: best.url, x: box.left + p.x, y: box.top + p.y };
        }
        """);

    /// <summary>Counts pixels of a PNG that are not near white, decoding it in a blank page (no CSP there).</summary>
    internal static async Task<int> ColouredPixelsAsync(IBrowser browser, byte[] png)
    {
        var blank = await browser.NewPageAsync();
        try
        {
            return await blank.EvaluateAsync<int>("""
                async (b64) => {
                  const image = new Image();
                  image.src = 'data:image/png;base64,' + b64;
                  await image.decode();
                  const canvas = document.createElement('canvas');
                  canvas.width = image.width; canvas.height = image.height;
                  const context = canvas.getContext('2d');
                  context.drawImage(image, 0, 0);
                  const data = context.getImageData(0, 0, image.width, image.height).data;
                  let count = 0;
                  for (let i = 0; i < data.length; i += 4) if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) count++;
                  return count;
                }
                """, Convert.ToBase64String(png));
        }
        finally
        {
            await blank.CloseAsync();
        }
    }

    private sealed class NodeOnScreen
    {
        public string Title { get; set; } = "";

        public string Url { get; set; } = "";

        public double X { get; set; }

        public double Y { get; set; }
    }
}
