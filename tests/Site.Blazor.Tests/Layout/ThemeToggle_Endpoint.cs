using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Site.Blazor.Tests.Layout;

/// <summary>/theme/toggle flips the light/dark cookie and goes back to the page, never to another site (functional).</summary>
public class ThemeToggle_Endpoint(SiteWebFixture site) : IClassFixture<SiteWebFixture>
{
    private HttpClient Client => site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task SetsDark_AndReturnsToThePage()
    {
        using var response = await Client.GetAsync("/theme/toggle?returnUrl=" + Uri.EscapeDataString("/posts/hello?page=2"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/posts/hello?page=2", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("site-theme=dark;", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SetsLight_WhenTheReaderHadDark()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/theme/toggle?returnUrl=%2F");
        request.Headers.Add("Cookie", "site-theme=dark");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("site-theme=light;", Assert.Single(response.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task DarkCookie_RendersTheDarkTheme()
    {
        // The not-found page sits in the MudBlazor layout, which writes the palette as CSS variables: the page
        // background is what the reader sees change (SiteTheme's dark background is #16181d).
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        request.Headers.Add("Cookie", "site-theme=dark");
        using var dark = await Client.SendAsync(request);
        using var light = await Client.GetAsync("/no/such/page");

        Assert.Contains("--mud-palette-background: rgba(22,24,29,1)", await dark.Content.ReadAsStringAsync());
        Assert.Contains("--mud-palette-background: rgba(255,255,255,1)", await light.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DarkCookie_RendersReaderPagesDark_AndNoChoiceFollowsTheSystem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "site-theme=dark");
        using var dark = await Client.SendAsync(request);
        using var auto = await Client.GetAsync("/");

        Assert.Contains("<div class=\"reader\" data-theme=\"dark\">", await dark.Content.ReadAsStringAsync());
        Assert.Contains("<div class=\"reader\" data-theme=\"auto\">", await auto.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("//evil.com")]
    [InlineData("/\\evil.com")]
    [InlineData("https://evil.com")]
    [InlineData("http:evil.com")]
    [InlineData("evil.com")]
    [InlineData("/\t/evil.com")]
    [InlineData("/\r\n/evil.com")]
    [InlineData("\\\\evil.com")]
    [InlineData("")]
    public async Task RefusesToRedirectAway_AndGoesHome(string returnUrl)
    {
        using var response = await Client.GetAsync("/theme/toggle?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.StartsWith("site-theme=dark;", Assert.Single(response.Headers.GetValues("Set-Cookie")));
    }
}
