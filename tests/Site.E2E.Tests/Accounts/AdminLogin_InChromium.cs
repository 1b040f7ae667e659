using Microsoft.Playwright;

namespace Site.E2E.Tests.Accounts;

/// <summary>The admin's way in and out, in a real Chromium against the real host.</summary>
public class AdminLogin_InChromium
{
    [Fact]
    public async Task TheAdminLogsInReachesTheDashboardLogsOut_AndTheDashboardIsClosedAfterwards()
    {
        await using var site = await AccountsE2ESite.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(site.BaseAddress + "/admin");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);

        await page.FillAsync("#login-email", site.AdminEmail);
        await page.FillAsync("#login-password", AccountsE2ESite.AdminPassword);
        await page.ClickAsync("form.account-form button[type=submit]");
        await page.WaitForURLAsync(site.BaseAddress + "/admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-count=accounts]")).ToHaveTextAsync("1");
        await WaitUntilInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseAddress + "/");

        await page.GotoAsync(site.BaseAddress + "/admin");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fadmin", page.Url);
    }

    /// <summary>
    /// The admin runs over a circuit: once it is up, the menu button folds the drawer. A click that lands before the
    /// circuit connects is lost, so keep clicking until the drawer answers.
    /// </summary>
    private static async Task WaitUntilInteractiveAsync(IPage page)
    {
        var drawer = page.Locator(".mud-drawer");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await drawer.GetAttributeAsync("class") ?? "").Contains("mud-drawer--closed", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The admin never became interactive (the menu button did not fold the drawer)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the navigation" }).ClickAsync();
            await page.WaitForTimeoutAsync(300);
        }
    }
}
