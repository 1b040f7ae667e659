using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Site.Blazor.Tests;
using Site.Data.Content;
using Site.Data.Search;
using Site.TestSupport;

namespace Site.E2E.Tests.Search;

/// <summary>
/// The header's search box in a real Chromium over the demo content: suggestions appear as one types, the arrow keys
/// move through them (wrapping), Enter opens the chosen post, Esc closes the list, and the page stays within its CSP.
/// </summary>
public class HeaderSearch_InChromium(HeaderSearch_InChromium.IndexedDemoSite site) : IClassFixture<HeaderSearch_InChromium.IndexedDemoSite>
{
    /// <summary>The web host over the demo content, its search index built as the jobs host would build it.</summary>
    public sealed class IndexedDemoSite : IAsyncLifetime
    {
        private TestDatabase _database = null!;
        private SiteWebFactory _factory = null!;

        public Uri Address { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync();
            _factory = new SiteWebFactory(_database.ConnectionString, new Dictionary<string, string?>
            {
                ["Site:Content:Path"] = Path.Combine(TestServices.RepositoryRoot, "content"),
            });
            Address = _factory.StartKestrel();
            await _factory.Services.GetRequiredService<ContentSync>().RunAsync();
            await _factory.Services.GetRequiredService<SearchIndexer>().RebuildAsync();
        }

        public async Task DisposeAsync()
        {
            await _factory.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task TypeMoveWithTheArrows_AndEnterOpensThePost()
    {
        var address = site.Address;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue($"pageerror: {error}");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                problems.Enqueue(message.Text);
            }
        };
        var requests = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/search/autocomplete/", StringComparison.Ordinal))
            {
                requests.Enqueue(request.Url);
            }
        };

        await page.GotoAsync(new Uri(address, "/b/tech/").ToString());
        var box = page.Locator("#site-search-q");
        Assert.Equal("combobox", await box.GetAttributeAsync("role"));
        await box.PressSequentiallyAsync("adv", new LocatorPressSequentiallyOptions { Delay = 20 });

        var options = page.Locator("#site-search-suggestions [role=option]");
        await options.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Equal("true", await box.GetAttributeAsync("aria-expanded"));
        // Typed faster than the 150 ms pause: one request, for the whole word.
        Assert.Equal(["adv"], requests.Select(u => new Uri(u).Query.Split("q=")[1]));
        var count = await options.CountAsync();
        Assert.True(count >= 1);
        Assert.Contains("Advisory locks", await options.First.InnerTextAsync());

        await box.PressAsync("ArrowDown");
        Assert.Equal("site-search-option-0", await box.GetAttributeAsync("aria-activedescendant"));
        await box.PressAsync("ArrowUp");
        Assert.Equal($"site-search-option-{count - 1}", await box.GetAttributeAsync("aria-activedescendant"));
        await box.PressAsync("ArrowDown");
        Assert.Equal("site-search-option-0", await box.GetAttributeAsync("aria-activedescendant"));
        Assert.Equal("true", await options.First.GetAttributeAsync("aria-selected"));

        await box.PressAsync("Escape");
        Assert.Equal("false", await box.GetAttributeAsync("aria-expanded"));
        Assert.True(await page.Locator("#site-search-suggestions").IsHiddenAsync());

        await box.PressAsync("ArrowDown");
        Assert.Equal("site-search-option-0", await box.GetAttributeAsync("aria-activedescendant"));
        await box.PressAsync("Enter");
        await page.WaitForURLAsync("**/b/tech/advisory-locks/");
        Assert.Contains("Advisory locks", await page.Locator("h1").InnerTextAsync());
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }

    [Fact]
    public async Task EnterWithoutAChoice_SearchesForTheText()
    {
        var address = site.Address;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(address, "/b/tech/").ToString());
        var box = page.Locator("#site-search-q");
        await box.FillAsync("darkroom");
        await box.PressAsync("Enter");

        await page.WaitForURLAsync("**/search/?q=darkroom");
        Assert.Contains("Darkroom timer", await page.Locator(".search-results").First.InnerTextAsync() + await page.Locator("main").InnerTextAsync());

        await page.Locator("#site-search-q").FillAsync("dark");
        await page.Locator("#site-search-suggestions [role=option]").First.WaitForAsync();
        await page.Locator("h1").ClickAsync();
        Assert.True(await page.Locator("#site-search-suggestions").IsHiddenAsync());
    }
}
