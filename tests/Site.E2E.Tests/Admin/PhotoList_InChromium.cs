using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Domain.Photos;
using Site.E2E.Tests.Accounts;

namespace Site.E2E.Tests.Admin;

/// <summary>
/// The photo list in Chromium over a real circuit: its pages and filters are written into the address as the admin
/// uses them, so a reload keeps them and the browser's back button undoes them.
/// </summary>
public sealed class PhotoList_InChromium : IAsyncLifetime
{
    private AccountsE2ESite _site = null!;

    public async Task InitializeAsync()
    {
        _site = await AccountsE2ESite.StartAsync();
        var options = new DbContextOptionsBuilder<SiteDbContext>();
        SiteDatabase.Configure(options, _site.DatabaseConnectionString);
        await using var db = new SiteDbContext(options.Options);
        var first = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 60; i++)
        {
            var id = Guid.NewGuid();
            db.Photos.Add(new Photo
            {
                Id = id,
                OriginalFileName = $"photo-{i:00}.jpg",
                OriginalKey = PhotoStorageKeys.Prefix(id) + "original.jpg",
                Format = PhotoFormat.Jpeg,
                SizeBytes = 1000,
                Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                UploadedAt = first.AddDays(i),
            });
        }

        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task PagesAndFiltersLiveInTheAddress_SurviveAReload_AndGoBackWithTheBrowser()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        await page.GotoAsync(_site.BaseAddress + "/account/login?ReturnUrl=%2Fadmin%2Fphotos%3Fpage%3D99999");
        await page.FillAsync("#login-email", _site.AdminEmail);
        await page.FillAsync("#login-password", AccountsE2ESite.AdminPassword);
        await page.ClickAsync("form.account-form button[type=submit]");
        await page.WaitForURLAsync(_site.BaseAddress + "/admin/photos?page=99999");

        // A page past the end shows the last one.
        await page.Locator(".photo-list[data-live=connected]").WaitForAsync();
        var count = page.Locator("[data-test=count]");
        await Assertions.Expect(count).ToHaveTextAsync("60 photos · page 2 of 2");
        await Assertions.Expect(page.Locator("tr[data-test^=photo-]")).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Page 1", Exact = true }).ClickAsync();
        // Changes on the page move the address without loading a document: poll it rather than wait for a load.
        await Assertions.Expect(page).ToHaveURLAsync(_site.BaseAddress + "/admin/photos");
        await Assertions.Expect(page.Locator("tr[data-test^=photo-]")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "photo-59.jpg" })).ToBeVisibleAsync();

        await page.GetByLabel("Only with near duplicates").CheckAsync();
        await Assertions.Expect(page).ToHaveURLAsync(_site.BaseAddress + "/admin/photos?duplicates=true");
        await Assertions.Expect(page.Locator("[data-test=no-photos]")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.Locator(".photo-list[data-live=connected]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-test=no-photos]")).ToBeVisibleAsync();

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(_site.BaseAddress + "/admin/photos");
        await Assertions.Expect(page.Locator("tr[data-test^=photo-]")).ToHaveCountAsync(50);
        await Assertions.Expect(count).ToHaveTextAsync("60 photos · page 1 of 2");
    }
}
