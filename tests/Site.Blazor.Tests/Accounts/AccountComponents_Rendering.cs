using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Site.Blazor.Components.Layout;
using Site.Blazor.Components.Pages.Account.Manage;
using Site.Blazor.Components.Pages.Admin;
using Site.Data.Admin;

namespace Site.Blazor.Tests.Accounts;

/// <summary>bUnit renders of the account and admin shell parts that hold no server state of their own.</summary>
public class AccountComponents_Rendering
{
    [Fact]
    public async Task TheAdminNavLinksAvailableAreasAndDisablesTheComingOnes()
    {
        await using var ctx = NewContext();

        var nav = ctx.Render<AdminNavMenu>();

        var links = nav.FindAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/admin", links);
        Assert.Contains("/admin/jobs", links);
        Assert.Contains("/account/manage", links);
        foreach (var area in AdminAreas.All.Where(a => !a.IsAvailable))
        {
            Assert.DoesNotContain(area.Path, links);
            Assert.Contains(nav.FindAll(".admin-nav-coming"), e => e.TextContent.Contains(area.Title) && e.TextContent.Contains("coming"));
        }
    }

    [Fact]
    public async Task TheAttentionListSaysAllIsWellWhenEmpty_AndShowsEachItemWithItsLink()
    {
        await using var ctx = NewContext();

        var empty = ctx.Render<AttentionList>(p => p.Add(c => c.Items, []));
        var full = ctx.Render<AttentionList>(p => p.Add(c => c.Items,
        [
            new AdminAttentionItem("3 comments wait", "Approve or reject them.", AttentionLevel.Warning, "/admin/posts"),
            new AdminAttentionItem("A job failed", "Resize failed.", AttentionLevel.Error),
        ]));

        Assert.Contains("Nothing needs attention.", empty.Find(".attention-none").TextContent);
        var items = full.FindAll(".attention-item");
        Assert.Equal(2, items.Count);
        Assert.Contains("3 comments wait", items[0].TextContent);
        Assert.Contains("mud-alert-text-warning", items[0].ClassName);
        Assert.Equal("/admin/posts", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("mud-alert-text-error", items[1].ClassName);
        Assert.Null(items[1].QuerySelector("a"));
    }

    [Fact]
    public async Task RecoveryCodesAreListedWithTheWarningThatTheyShowOnce()
    {
        await using var ctx = NewContext();

        var codes = ctx.Render<RecoveryCodesList>(p => p.Add(c => c.Codes, ["aaaa-1111", "bbbb-2222"]));

        Assert.Equal(["aaaa-1111", "bbbb-2222"], codes.FindAll("li code").Select(c => c.TextContent));
        Assert.Contains("will not show them again", codes.Markup);
    }

    [Fact]
    public async Task TheAuthenticatorPanelShowsAScannableCodeTheGroupedKeyAndTheUri()
    {
        await using var ctx = NewContext();
        const string uri = "otpauth://totp/site.example:me%40example.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=site.example";

        var panel = ctx.Render<AuthenticatorKeyPanel>(p => p
            .Add(c => c.Key, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
            .Add(c => c.OtpAuthUri, uri));

        Assert.Equal("jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp", panel.Find("kbd").TextContent);
        Assert.StartsWith("data:image/svg+xml;base64,", panel.Find("img.qr-code").GetAttribute("src"));
        Assert.Equal(uri, panel.Find(".otpauth-uri code").TextContent);
    }

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }
}
