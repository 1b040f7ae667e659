using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Site.Blazor.Tests;
using Site.Data.Content;
using Site.Data.Graph;
using Site.TestSupport;

namespace Site.E2E.Tests.Graph;

/// <summary>The screenshot job's browser work against the real site on Kestrel, with the system Chromium.</summary>
public class GraphScreenshot_FromTheRunningSite
{
    [Fact]
    public async Task TakesA4800By3200PngOfTheGraphPage()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SiteWebFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Site:Content:Path"] = Path.Combine(TestServices.RepositoryRoot, "content"),
            ["Site:Content:SyncAtStart"] = "false",
        });
        var address = factory.StartKestrel();
        await factory.Services.GetRequiredService<ContentSync>().RunAsync();
        var screenshotter = new GraphScreenshotter(
            Options.Create(new GraphScreenshotOptions { WebBaseUrl = address.ToString(), LayoutMilliseconds = 1500, Timeout = TimeSpan.FromMinutes(3) }),
            NullLogger<GraphScreenshotter>.Instance);

        var png = await screenshotter.TakeAsync(CancellationToken.None);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        Assert.Equal((GraphScreenshotSize.Width * GraphScreenshotSize.Scale, GraphScreenshotSize.Height * GraphScreenshotSize.Scale), (width, height));
        Assert.True(png.Length > 50_000, $"a {png.Length}-byte PNG is too small to hold a drawn graph");
    }

    [Fact]
    public async Task WithoutChromium_TheRunFailsSayingSo()
    {
        var screenshotter = new GraphScreenshotter(
            Options.Create(new GraphScreenshotOptions { ChromiumPath = "/nowhere/chromium" }),
            NullLogger<GraphScreenshotter>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => screenshotter.TakeAsync(CancellationToken.None));

        Assert.Contains("Chromium was not found at /nowhere/chromium", error.Message);
        Assert.Contains("Site:Graph:ChromiumPath", error.Message);
    }
}
