using System.Net;

namespace Site.Blazor.Tests.Security;

/// <summary>Every page, found or not, carries the headers that keep it from being framed, sniffed or scripted (functional).</summary>
public class SecurityHeaders_OnResponses(SiteWebFixture site) : IClassFixture<SiteWebFixture>
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    public async Task CarryTheSecurityHeaders(string path, HttpStatusCode expected)
    {
        using var response = await site.Factory.CreateClient().GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        // The graph's layout worker is a file of this site; blob: workers (script built in the page) stay refused.
        Assert.Contains("worker-src 'self';", csp + ";");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task UnknownPath_ShowsTheFriendlyNotFoundPage_InTheSiteLayout()
    {
        using var response = await site.Factory.CreateClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html);
        Assert.Contains("href=\"/\"", html);
        Assert.Contains("site-footer", html);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
}
