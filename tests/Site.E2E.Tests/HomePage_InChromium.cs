using System.Collections.Concurrent;
using Microsoft.Playwright;
using Site.Blazor.Tests;
using Site.TestSupport;

namespace Site.E2E.Tests;

/// <summary>
/// The home page in a real Chromium (browser test: the system /usr/bin/chromium driven by Playwright, the site on
/// Kestrel and a real database): the page loads under its Content-Security-Policy and its live island connects.
/// </summary>
public class HomePage_InChromium
{
    [Fact]
    public async Task LiveStatusConnects_WithoutContentSecurityPolicyViolations()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SiteWebFactory(database.ConnectionString);
        var address = factory.StartKestrel();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var console = new ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Enqueue($"pageerror: {error}");
        page.RequestFailed += (_, request) => console.Enqueue($"requestfailed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                console.Enqueue($"http {response.Status}: {response.Url}");
            }
        };
        // Recorded from the page itself too: a violation is reported as an event even where no console line is written.
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
            """);

        var response = await page.GotoAsync(new Uri(address, "/status").ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Contains("Site status", await page.TitleAsync(), StringComparison.Ordinal);

        try
        {
            await page.Locator(".site-status[data-live=connected]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("The live status never reported a connected circuit. Browser said:\n" + string.Join("\n", console));
        }

        var status = await page.Locator(".site-status").InnerTextAsync();
        Assert.Contains("updating live", status);
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.True(violations.Length == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
        // "Refused to …" is how Chromium reports what the Content-Security-Policy blocked; the rest are a broken page.
        var problems = console.Where(line => line.Contains("Refused to", StringComparison.Ordinal)
            || line.StartsWith("pageerror", StringComparison.Ordinal) || line.StartsWith("requestfailed", StringComparison.Ordinal)
            || line.StartsWith("http ", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, "The browser reported:\n" + string.Join("\n", console));
    }
}
