using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Site.Blazor.Tests.Accounts;
using Site.Domain.Photos;

namespace Site.Blazor.Tests.Albums;

public class AlbumAccess_Http(AlbumSiteFixture fixture) : IClassFixture<AlbumSiteFixture>
{
    private string PrivatePath => $"/photos/album/{fixture.PrivateSlug}/";

    /// <summary>Every address of the private album a reader could try: page, photo page, image, original, ZIP, EXIF.</summary>
    private IEnumerable<string> PrivateAddresses(string slug)
    {
        var album = $"/photos/album/{slug}/";
        yield return album;
        yield return $"{album}photo/{fixture.Photo.Id:D}/";
        yield return $"{album}media/{fixture.Photo.Id:D}/thumbnail.jpg";
        yield return $"{album}download/{fixture.Photo.Id:D}";
        yield return $"{album}album.zip";
        yield return $"{album}photo/{fixture.Photo.Id:D}/exif.json";
    }

    [Fact]
    public async Task APublicAlbum_IsOpenToEveryone_WithItsImagesAndDownloads()
    {
        using var stranger = fixture.Stranger();
        var page = await stranger.GetPageAsync($"/photos/album/{fixture.PublicSlug}/");

        var image = page.QuerySelector(".album-grid img")!;
        Assert.NotNull(image.GetAttribute("width"));
        Assert.NotNull(image.GetAttribute("height"));
        Assert.Contains("w,", image.GetAttribute("srcset") + ",");
        Assert.Equal("eager", image.GetAttribute("loading"));
        Assert.NotNull(page.QuerySelector("[data-test=download-all]"));
        Assert.Contains(page.QuerySelectorAll("meta[property='og:image']"), m => m.GetAttribute("content")!.Contains(fixture.Photo.Id.ToString("D")));

        using var thumbnail = await stranger.Client.GetAsync(image.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        Assert.Contains("public", thumbnail.Headers.CacheControl!.ToString());

        using var original = await stranger.Client.GetAsync($"/photos/album/{fixture.PublicSlug}/download/{fixture.Photo.Id:D}");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("attachment", original.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Beach Day.jpg", original.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(fixture.Photo.SizeBytes, (await original.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task APrivateAlbum_IsTheSameNotFoundAsAMissingOne_AtEveryAddress_WithoutALink()
    {
        using var stranger = fixture.Stranger();
        using var missing = await stranger.Client.GetAsync("/photos/album/no-such-album/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var missingHeading = (await AccountsBrowser.ReadPageAsync(missing)).QuerySelector("h1")!.TextContent;

        foreach (var address in PrivateAddresses(fixture.PrivateSlug))
        {
            using var response = await stranger.Client.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{address} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Private beach", body);
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                Assert.Equal(missingHeading, (await AccountsBrowser.ReadPageAsync(response)).QuerySelector("h1")!.TextContent);
            }
        }
    }

    [Fact]
    public async Task ThePrivateAlbumsStoredFiles_AreNotServedWithoutASignature()
    {
        await using var db = fixture.Site.Database.CreateContext();
        var keys = await db.PhotoVariants.Where(v => v.PhotoId == fixture.Photo.Id).Select(v => v.StorageKey).ToListAsync();
        keys.Add(fixture.Photo.OriginalKey);
        keys.Add((await db.Albums.SingleAsync(a => a.Id == fixture.PrivateId)).ZipKey!);
        using var stranger = fixture.Stranger();

        foreach (var key in keys)
        {
            using var response = await stranger.Client.GetAsync("/media/" + key);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/media/{key} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task TheAdmin_SeesThePrivateAlbum()
    {
        var page = await fixture.Admin.GetPageAsync(PrivatePath);
        Assert.Equal("Private beach", page.QuerySelector("h1")!.TextContent);
        using var image = await fixture.Admin.Client.GetAsync($"{PrivatePath}media/{fixture.Photo.Id:D}/thumbnail.jpg");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Contains("no-store", image.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task AValidLink_StartsASessionScopedToTheAlbum_AndOpensEveryAddress()
    {
        using var reader = fixture.Stranger();
        using var arrival = await reader.Client.GetAsync($"{PrivatePath}?token={fixture.ValidToken}");

        Assert.Equal(PrivatePath, AccountsBrowser.RedirectPath(arrival));
        var cookie = Assert.Single(arrival.Headers.GetValues("Set-Cookie"));
        Assert.Contains($"path={PrivatePath}", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fixture.ValidToken, cookie);

        foreach (var address in PrivateAddresses(fixture.PrivateSlug))
        {
            using var response = await reader.Client.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address} answered {(int)response.StatusCode}");
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "");
        }

        using var zip = await reader.Client.GetAsync($"{PrivatePath}album.zip");
        Assert.Equal($"{fixture.PrivateSlug}.zip", zip.Content.Headers.ContentDisposition!.FileNameStar);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Equal(["001_Beach Day.jpg"], archive.Entries.Select(e => e.FullName));

        using var exif = await reader.Client.GetAsync($"{PrivatePath}photo/{fixture.Photo.Id:D}/exif.json");
        Assert.DoesNotContain("gps", (await exif.Content.ReadAsStringAsync()).ToLowerInvariant());

        await using var db = fixture.Site.Database.CreateContext();
        Assert.True((await db.AlbumShareLinks.SingleAsync(l => l.Id == fixture.ValidLinkId)).AccessCount >= 1);
    }

    [Fact]
    public async Task ASessionForOneAlbum_DoesNotOpenAnother()
    {
        using var reader = fixture.Stranger();
        using var arrival = await reader.Client.GetAsync($"{PrivatePath}?token={fixture.ValidToken}");
        var cookie = arrival.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var value = cookie[(cookie.IndexOf('=') + 1)..];

        // The same token on the other album's address, and this album's cookie under the other album's name.
        using var otherToken = await reader.Client.GetAsync($"/photos/album/{fixture.OtherPrivateSlug}/?token={fixture.ValidToken}");
        Assert.Equal(HttpStatusCode.NotFound, otherToken.StatusCode);
        await using var db = fixture.Site.Database.CreateContext();
        var otherId = await db.Albums.Where(a => a.Slug == fixture.OtherPrivateSlug).Select(a => a.Id).SingleAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/photos/album/{fixture.OtherPrivateSlug}/");
        request.Headers.Add("Cookie", $"site.album.{otherId:N}={value}");
        using var stranger = fixture.Site.CreateClient(new() { HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        using var forged = await stranger.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        using var tampered = new HttpRequestMessage(HttpMethod.Get, PrivatePath);
        tampered.Headers.Add("Cookie", $"site.album.{fixture.PrivateId:N}={value[..^4]}AAAA");
        using var tamperedResponse = await stranger.SendAsync(tampered);
        Assert.Equal(HttpStatusCode.NotFound, tamperedResponse.StatusCode);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("revoked")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public async Task ExpiredRevokedOrWrongLinks_AreNotFound(string kind)
    {
        var token = kind switch
        {
            "expired" => fixture.ExpiredToken,
            "revoked" => fixture.RevokedToken,
            "garbage" => "<script>alert(1)</script>",
            _ => "",
        };
        using var reader = fixture.Stranger();
        using var response = await reader.Client.GetAsync($"{PrivatePath}?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task RevokingALink_EndsItsSessionAtTheNextRequest()
    {
        var link = await fixture.Editor.CreateShareLinkAsync(fixture.PrivateId, "Soon revoked", null, null);
        using var reader = fixture.Stranger();
        using (var arrival = await reader.Client.GetAsync($"{PrivatePath}?token={link.Token}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, arrival.StatusCode);
        }

        using (var open = await reader.Client.GetAsync(PrivatePath))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        Assert.True(await fixture.Editor.RevokeShareLinkAsync(link.Link!.Id));
        using var closed = await reader.Client.GetAsync(PrivatePath);
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
    }

    [Fact]
    public async Task APasswordLink_AsksForThePassword_AndOpensOnlyWithTheRightOne()
    {
        using var reader = fixture.Stranger();
        using var arrival = await reader.Client.GetAsync($"{PrivatePath}?token={fixture.PasswordToken}");
        Assert.Equal($"{PrivatePath}unlock", AccountsBrowser.RedirectPath(arrival));
        Assert.False(arrival.Headers.Contains("Set-Cookie"));
        var unlock = arrival.Headers.Location!.OriginalString;
        var form = await reader.GetPageAsync(unlock);
        Assert.NotNull(form.QuerySelector("input[type=password]"));
        Assert.DoesNotContain("Private beach", form.DocumentElement.OuterHtml);

        using var wrong = await reader.SubmitAsync(unlock, "album-unlock", new Dictionary<string, string> { ["Input.Password"] = "not it" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.NotNull((await AccountsBrowser.ReadPageAsync(wrong)).QuerySelector("[role=alert]"));
        using (var stillClosed = await reader.Client.GetAsync(PrivatePath))
        {
            Assert.Equal(HttpStatusCode.NotFound, stillClosed.StatusCode);
        }

        using var right = await reader.SubmitAsync(unlock, "album-unlock", new Dictionary<string, string> { ["Input.Password"] = AlbumSiteFixture.LinkPassword });
        Assert.Equal(PrivatePath, AccountsBrowser.RedirectPath(right));
        var page = await reader.GetPageAsync(PrivatePath);
        Assert.Equal("Private beach", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task ThePasswordPage_IsNotFound_ForAnythingButAValidPasswordLink_AndNeedsTheFormToken()
    {
        using var reader = fixture.Stranger();
        foreach (var address in new[]
        {
            $"{PrivatePath}unlock",
            $"{PrivatePath}unlock?token={Uri.EscapeDataString("' or 1=1 --")}",
            $"{PrivatePath}unlock?token={fixture.ValidToken}",
            $"{PrivatePath}unlock?token={fixture.RevokedToken}",
            $"/photos/album/nope/unlock?token={fixture.PasswordToken}",
        })
        {
            using var response = await reader.Client.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{address} answered {(int)response.StatusCode}");
        }

        using var forged = await reader.Client.PostAsync($"{PrivatePath}unlock?token={fixture.PasswordToken}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "album-unlock",
            ["Input.Token"] = fixture.PasswordToken,
            ["Input.Password"] = AlbumSiteFixture.LinkPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("site.album.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PublicAlbumsAreListed_AndInTheSitemap_PrivateOnesAreNot()
    {
        using var stranger = fixture.Stranger();
        var list = await stranger.GetPageAsync("/photos/");
        var titles = list.QuerySelectorAll(".album-card-title").Select(t => t.TextContent).ToList();
        Assert.Contains("Public beach", titles);
        Assert.DoesNotContain("Private beach", titles);

        using var sitemap = await stranger.Client.GetAsync("/sitemap-albums.xml");
        var xml = await sitemap.Content.ReadAsStringAsync();
        Assert.Contains($"/photos/album/{fixture.PublicSlug}/", xml);
        Assert.DoesNotContain(fixture.PrivateSlug + "/", xml);
        Assert.Contains("<priority>0.5</priority>", xml);
    }

    [Fact]
    public async Task DownloadsOff_HidesDownloadAll_AndRefusesTheFiles()
    {
        var album = await fixture.SaveAsync("No downloads " + Guid.NewGuid().ToString("N")[..6], isPrivate: false, allowDownloads: false);
        using var stranger = fixture.Stranger();
        var page = await stranger.GetPageAsync($"/photos/album/{album.Slug}/");
        Assert.Null(page.QuerySelector("[data-test=download-all]"));
        using var original = await stranger.Client.GetAsync($"/photos/album/{album.Slug}/download/{fixture.Photo.Id:D}");
        Assert.Equal(HttpStatusCode.NotFound, original.StatusCode);
        using var zip = await stranger.Client.GetAsync($"/photos/album/{album.Slug}/album.zip");
        Assert.Equal(HttpStatusCode.NotFound, zip.StatusCode);
    }
}
