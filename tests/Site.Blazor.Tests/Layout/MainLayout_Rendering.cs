using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Site.Blazor.Components.Layout;

namespace Site.Blazor.Tests.Layout;

/// <summary>The layout shell every page sits in (unit speed: bUnit, no server).</summary>
public class MainLayout_Rendering
{
    [Fact]
    public async Task ShowsTheSiteName_Navigation_Footer_AndAThemeToggleBackToThisPage()
    {
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/posts/hello?page=2");

        var cut = ctx.Render<MainLayout>(parameters => parameters
            .Add(p => p.Body, (RenderFragment)(body => body.AddMarkupContent(0, "<p id=\"page-body\">The page</p>"))));

        var siteName = cut.Find("header a.site-name");
        Assert.Equal("/", siteName.GetAttribute("href"));
        Assert.Equal(MainLayout.SiteName, siteName.TextContent.Trim());

        var navigation = cut.Find("nav[aria-label=Main]");
        Assert.Contains(navigation.QuerySelectorAll("a"), link => link.GetAttribute("href") == "/");

        var footer = cut.Find("footer");
        Assert.Contains($"{DateTime.UtcNow.Year} {MainLayout.SiteName}", footer.TextContent);

        var toggle = cut.Find("a.theme-toggle");
        Assert.Equal("/theme/toggle?returnUrl=%2Fposts%2Fhello%3Fpage%3D2", toggle.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(toggle.GetAttribute("aria-label")));

        Assert.Equal("The page", cut.Find("#page-body").TextContent);
    }

    [Fact]
    public async Task ThemeToggleOnTheHomePage_ReturnsToTheHomePage()
    {
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;

        var cut = ctx.Render<MainLayout>(parameters => parameters.Add(p => p.Body, (RenderFragment)(_ => { })));

        Assert.Equal("/theme/toggle?returnUrl=%2F", cut.Find("a.theme-toggle").GetAttribute("href"));
    }
}
