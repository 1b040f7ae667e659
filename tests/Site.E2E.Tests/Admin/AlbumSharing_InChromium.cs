using System.IO.Compression;
using ImageMagick;
using Microsoft.Playwright;
using Site.E2E.Tests.Accounts;
using Site.TestSupport;

namespace Site.E2E.Tests.Admin;

/// <summary>
/// An album from start to share: the admin creates it, uploads three photos straight into it, keeps it private with
/// downloads on and makes a share link; a reader opens the link in a fresh browser, browses the lightbox and
/// downloads the ZIP the jobs host built; the same address without the link is "not found".
/// </summary>
public sealed class AlbumSharing_InChromium : IAsyncLifetime
{
    private AccountsE2ESite _site = null!;
    private HostProcess _jobsHost = null!;

    public async Task InitializeAsync()
    {
        _site = await AccountsE2ESite.StartAsync();
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
    public async Task TheAdminSharesAPrivateAlbum_AndOnlyTheLinksHolderSeesAndDownloadsIt()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var admin = await browser.NewPageAsync();
        await admin.GotoAsync(_site.BaseAddress + "/account/login?ReturnUrl=%2Fadmin%2Falbums%2Fnew");
        await admin.FillAsync("#login-email", _site.AdminEmail);
        await admin.FillAsync("#login-password", AccountsE2ESite.AdminPassword);
        await admin.ClickAsync("form.account-form button[type=submit]");
        await admin.WaitForURLAsync(_site.BaseAddress + "/admin/albums/new");
        await admin.Locator(".album-editor[data-live=connected]").WaitForAsync();

        // An empty title is explained in the form and nothing is saved.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".album-editor")).ToContainTextAsync("Give the album a title.");

        await admin.Locator("input[data-test=title], [data-test=title] input").First.FillAsync("Family Weekend");
        await admin.GetByLabel("Private (only you and share links)").CheckAsync();
        await admin.GetByLabel("Allow downloads").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await admin.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/albums/[0-9a-f-]{36}$"));
        var editorUrl = admin.Url;

        await admin.Locator("[data-test=upload-into]").ClickAsync();
        await admin.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/photos/upload\\?album="));
        await admin.Locator(".photo-upload[data-live=connected]").WaitForAsync();
        var photos = new[] { ("one.jpg", Jpeg(MagickColors.Red)), ("two.jpg", Jpeg(MagickColors.Green)), ("three.jpg", Jpeg(MagickColors.Blue)) };
        await admin.Locator("[data-test=file-input]").SetInputFilesAsync(photos.Select(p => new FilePayload { Name = p.Item1, MimeType = "image/jpeg", Buffer = p.Item2 }));
        foreach (var (name, _) in photos)
        {
            await Assertions.Expect(admin.Locator($"tr[data-name='{name}']")).ToHaveAttributeAsync("data-state", "complete", new() { Timeout = 90_000 });
        }

        await admin.GotoAsync(editorUrl);
        await admin.Locator(".album-editor[data-live=connected]").WaitForAsync();
        await Assertions.Expect(admin.Locator(".album-editor")).ToContainTextAsync("Photos (3)");
        await Assertions.Expect(admin.Locator("[data-test=album-photo]")).ToHaveCountAsync(3);
        // Build the ZIP now rather than after the 30-second quiet period.
        await admin.Locator("[data-test=regenerate]").ClickAsync();
        await admin.Locator("input[data-test=link-label], [data-test=link-label] input").First.FillAsync("Grandma");
        await admin.Locator("[data-test=create-link]").ClickAsync();
        var newLink = admin.Locator("input[data-test=new-link], [data-test=new-link] input").First;
        await newLink.WaitForAsync();
        var shareLink = await newLink.InputValueAsync();
        Assert.Contains("?token=", shareLink);
        var albumUrl = shareLink[..shareLink.IndexOf('?')];

        // A fresh browser with the link: the album opens, the token leaves the address.
        await using var readerContext = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(shareLink);
        Assert.Equal(albumUrl, reader.Url);
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync("Family Weekend");
        await Assertions.Expect(reader.Locator(".album-grid a[data-photo]")).ToHaveCountAsync(3);

        await reader.Locator(".album-grid a[data-photo]").First.ClickAsync();
        var lightbox = reader.Locator(".lightbox");
        await Assertions.Expect(lightbox).ToBeVisibleAsync();
        await Assertions.Expect(lightbox.Locator(".lightbox-caption")).ToContainTextAsync("1 of 3");
        await reader.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(lightbox.Locator(".lightbox-caption")).ToContainTextAsync("2 of 3");
        Assert.Contains("#photo=", reader.Url);
        await lightbox.Locator("[data-action=exif]").ClickAsync();
        await Assertions.Expect(lightbox.Locator(".lightbox-exif")).ToBeVisibleAsync();
        await reader.Keyboard.PressAsync("Escape");
        await Assertions.Expect(lightbox).ToBeHiddenAsync();

        // "Download all" appears once the jobs host has built the ZIP.
        var downloadAll = reader.Locator("[data-test=download-all]");
        for (var attempt = 0; attempt < 60 && await downloadAll.CountAsync() == 0; attempt++)
        {
            await Task.Delay(1000);
            await reader.ReloadAsync();
        }

        var download = await reader.RunAndWaitForDownloadAsync(() => downloadAll.ClickAsync());
        var zipPath = Path.Combine(_site.MediaPath, "downloaded.zip");
        await download.SaveAsAsync(zipPath);
        using (var archive = ZipFile.OpenRead(zipPath))
        {
            // Numbered in album order; the three uploads ran side by side, so which came first is theirs to decide.
            var names = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Equal(["001_", "002_", "003_"], names.Select(n => n[..4]));
            Assert.Equal(["one.jpg", "three.jpg", "two.jpg"], names.Select(n => n[4..]).Order(StringComparer.Ordinal));
        }

        // Another fresh browser without the link: the album does not exist.
        await using var strangerContext = await browser.NewContextAsync();
        var stranger = await strangerContext.NewPageAsync();
        var response = await stranger.GotoAsync(albumUrl);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync("Page not found");
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
