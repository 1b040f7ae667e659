using ImageMagick;
using Microsoft.Playwright;
using Site.E2E.Tests.Accounts;
using Site.TestSupport;

namespace Site.E2E.Tests.Admin;

/// <summary>
/// The whole photo path with real parts: the admin signs in on the real web host, drops photos on the upload page in
/// Chromium, a real jobs host process processes them from the same database and media folder, and the page follows
/// each one to "complete" over its circuit without a reload.
/// </summary>
public sealed class PhotoUpload_InChromium : IAsyncLifetime
{
    private AccountsE2ESite _site = null!;
    private HostProcess _jobsHost = null!;

    public async Task InitializeAsync()
    {
        _site = await AccountsE2ESite.StartAsync();
        // Started after the site, which has migrated the database by then.
        _jobsHost = HostProcess.Start("Site.Jobs", new Dictionary<string, string?>
        {
            ["Site__Database__ConnectionString"] = _site.DatabaseConnectionString,
            ["Site__Storage__LocalPath"] = _site.MediaPath,
            ["Site__Mail__Folder"] = Path.Combine(_site.MediaPath, "mail"),
            ["Site__Jobs__HeartbeatFile"] = Path.Combine(_site.MediaPath, "jobs.heartbeat"),
            ["Logging__Console__FormatterName"] = "simple",
        });
    }

    [Fact]
    public async Task TheAdminDropsThreePhotos_WatchesThemReachComplete_AndARepeatIsRefusedAsADuplicate()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_site.BaseAddress + "/account/login?ReturnUrl=%2Fadmin%2Fphotos%2Fupload");
        await page.FillAsync("#login-email", _site.AdminEmail);
        await page.FillAsync("#login-password", AccountsE2ESite.AdminPassword);
        await page.ClickAsync("form.account-form button[type=submit]");
        await page.WaitForURLAsync(_site.BaseAddress + "/admin/photos/upload");
        await page.Locator(".photo-upload[data-live=connected]").WaitForAsync();

        var photos = new[] { ("red.jpg", Jpeg(MagickColors.Red)), ("green.jpg", Jpeg(MagickColors.Green)), ("blue.jpg", Jpeg(MagickColors.Blue)) };
        // A real drop: the files travel in a DataTransfer on a drop event, as from the desktop.
        var dataTransfer = await page.EvaluateHandleAsync("""
            files => {
                const transfer = new DataTransfer();
                for (const f of files) {
                    const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
                    transfer.items.add(new File([bytes], f.name, { type: "image/jpeg" }));
                }
                return transfer;
            }
            """, photos.Select(p => new { name = p.Item1, data = Convert.ToBase64String(p.Item2) }).ToArray());
        await page.DispatchEventAsync("[data-test=drop-zone]", "drop", new { dataTransfer });

        foreach (var (name, _) in photos)
        {
            await Assertions.Expect(page.Locator($"tr[data-name='{name}']")).ToHaveAttributeAsync("data-state", "complete", new() { Timeout = 60_000 });
        }

        await Assertions.Expect(page.Locator("[data-test=count-done]")).ToContainTextAsync("3");

        await page.Locator("[data-test=file-input]").SetInputFilesAsync(new FilePayload { Name = "green again.jpg", MimeType = "image/jpeg", Buffer = photos[1].Item2 });
        var repeat = page.Locator("tr[data-name='green again.jpg']");
        await Assertions.Expect(repeat).ToHaveAttributeAsync("data-state", "duplicate");
        await Assertions.Expect(repeat).ToContainTextAsync("green.jpg");
        await Assertions.Expect(page.Locator("[data-test=count-duplicate]")).ToContainTextAsync("1");

        // The list leads to the photo's page, where a click on the picture sets the focal point (600 px wide).
        await page.GotoAsync(_site.BaseAddress + "/admin/photos");
        // A click on a prerendered page before its circuit is up can be lost; wait for the live page first.
        await page.Locator(".photo-list[data-live=connected]").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "red.jpg" }).ClickAsync();
        await page.Locator(".photo-details[data-live=connected]").WaitForAsync();
        await page.Locator("[data-test=focal-picker]").ClickAsync(new() { Position = new Position { X = 150, Y = 100 } });
        await Assertions.Expect(page.Locator("[data-test=message]")).ToContainTextAsync("Focal point saved");
        await Assertions.Expect(page.Locator("[data-test=focal-marker]")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("left: 25%"));
    }

    private static byte[] Jpeg(MagickColor colour)
    {
        using var image = new MagickImage(colour, 320, 240);
        image.Comment = Guid.NewGuid().ToString();
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    public async Task DisposeAsync()
    {
        await _jobsHost.DisposeAsync();
        await _site.DisposeAsync();
    }
}
