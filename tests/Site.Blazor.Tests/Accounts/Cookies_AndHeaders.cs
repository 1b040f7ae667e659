using System.Net;

namespace Site.Blazor.Tests.Accounts;

/// <summary>Security baseline: cookie attributes outside development, and headers that stay on in the admin.</summary>
public class Cookies_AndHeaders
{
    [Fact]
    public async Task OutsideDevelopmentTheLoginCookieIsSecureHttpOnlyAndSameSite_EvenOverPlainHttp()
    {
        await using var site = await AccountsSite.StartAsync(environment: "Production");
        using var browser = site.NewBrowser("http://localhost");

        var login = await browser.LogInAsync(site.AdminEmail, AccountsSite.AdminPassword);

        var cookie = Login_Flows.AuthCookie(login).ToLowerInvariant();
        Assert.Contains("; secure", cookie);
        Assert.Contains("; httponly", cookie);
        Assert.Contains("; samesite=lax", cookie);
        Assert.Contains("; path=/", cookie);
    }

    [Fact]
    public async Task TheAntiforgeryCookieIsSecureOnHttpsHttpOnlyAndStrictSameSite()
    {
        await using var site = await AccountsSite.StartAsync(environment: "Production");
        using var browser = site.NewBrowser();
        using var page = await browser.Client.GetAsync("/account/login");

        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("site.antiforgery=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; httponly", antiforgery);
        Assert.Contains("; samesite=strict", antiforgery);
        Assert.Contains("; secure", antiforgery);
    }

    [Fact]
    public async Task AdminPagesCarryTheSecurityHeadersAndCsp()
    {
        await using var site = await AccountsSite.StartAsync(environment: "Production");
        using var browser = site.NewBrowser("https://site.example"); // HSTS is never sent to localhost
        await browser.LogInAsync(site.AdminEmail, AccountsSite.AdminPassword);

        using var response = await browser.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("img-src 'self' data:", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        using var api = await browser.Client.GetAsync("/api/admin/summary");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains("frame-ancestors 'none'", api.Headers.GetValues("Content-Security-Policy").Single());
    }
}
