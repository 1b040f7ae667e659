using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Site.Blazor.Admin;
using Site.Blazor.Tests.Accounts;
using Site.Data.Photos;
using Site.Data.Storage;
using Site.Domain.Photos;

namespace Site.Blazor.Tests.Admin.Photos;

/// <summary>A site whose photo limit is small enough to go over cheaply, and a logged-in admin with the page's token.</summary>
public sealed class PhotoUploadSiteFixture : IAsyncLifetime
{
    public const long MaxUploadBytes = 64 * 1024;

    public AccountsSite Site { get; private set; } = null!;

    public AccountsBrowser Admin { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Site = await AccountsSite.StartAsync(s => s["Site:Photos:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Admin = Site.NewBrowser();
        await Admin.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword);
        // Any form rendered for the signed-in admin carries a token bound to them, as the upload page's does.
        Token = (await Admin.GetPageAsync("/account/manage/change-password"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Site.DisposeAsync();
    }
}

public class PhotoUpload_Api(PhotoUploadSiteFixture fixture) : IClassFixture<PhotoUploadSiteFixture>
{
    private const string Url = AdminApi.Prefix + PhotoUploadApi.Path;

    [Fact]
    public async Task AJpegIsStored_ItsRowSaved_AndItsProcessingJobQueued()
    {
        using var response = await PostAsync(Jpeg(), "holiday.jpg");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<PhotoUploadApi.PhotoUploadResponse>();
        var id = body!.PhotoId!.Value;
        Assert.Equal("holiday.jpg", body.FileName);
        await using var db = fixture.Site.Database.CreateContext();
        Assert.Equal(PhotoStatus.Pending, (await db.Photos.SingleAsync(p => p.Id == id)).Status);
        var jobs = await db.Jobs.Where(j => j.Type == ProcessPhoto.Definition.Type).Select(j => j.Payload).ToListAsync();
        Assert.Contains(jobs, payload => payload.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.Contains(await StoredKeysAsync(), key => key.StartsWith(PhotoStorageKeys.Prefix(id), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameBytesAgainAreRefusedAs409_NamingTheEarlierPhoto_AndLeaveNothing()
    {
        var bytes = Jpeg();
        using (var first = await PostAsync(bytes, "first-name.jpg"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var before = await StoredKeysAsync();
        using var again = await PostAsync(bytes, "second-name.jpg");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<PhotoUploadApi.PhotoUploadResponse>();
        Assert.Contains("first-name.jpg", body!.Message, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), body.Message, StringComparison.Ordinal);
        Assert.NotNull(body.EarlierPhotoId);
        Assert.Equal(before, await StoredKeysAsync());
    }

    [Fact]
    public async Task AnEmptyFileIsRefusedWithTheIntakesSentence() =>
        await AssertRefusedAsync(await PostAsync([], "empty.jpg"), HttpStatusCode.BadRequest, PhotoIntake.EmptyMessage);

    [Fact]
    public async Task TextNamedJpgIsRefusedWithTheIntakesSentence() =>
        await AssertRefusedAsync(await PostAsync("not a photo at all, just words"u8.ToArray(), "notes.jpg"), HttpStatusCode.BadRequest, PhotoFormatSniffer.UnsupportedMessage);

    [Fact]
    public async Task AFileDeclaredOverTheLimitIsRefusedAs413() =>
        await AssertRefusedAsync(await PostAsync(OverLimit(), "huge.jpg"), HttpStatusCode.RequestEntityTooLarge, PhotoUploadLimit.TooLargeMessage(PhotoUploadSiteFixture.MaxUploadBytes));

    [Fact]
    public async Task AFileOverTheLimitWithoutALengthIsStoppedAtTheLimitAs413()
    {
        var before = await StoredKeysAsync();
        using var request = Request(new StreamContent(new UnseekableStream(OverLimit())), "huge.jpg", fixture.Token);

        using var response = await fixture.Admin.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await StoredKeysAsync());
    }

    [Fact]
    public async Task APathTraversalNameIsKeptOnlyAsItsLastPart()
    {
        using var response = await PostAsync(Jpeg(), "../../etc/\u0007passwd.jpg");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<PhotoUploadApi.PhotoUploadResponse>();
        Assert.Equal("passwd.jpg", body!.FileName);
    }

    [Fact]
    public async Task AnUploadWithoutTheAntiforgeryTokenIsRefused_AndStoresNothing()
    {
        var before = await StoredKeysAsync();
        using var request = Request(new ByteArrayContent(Jpeg()), "no-token.jpg", token: null);

        using var response = await fixture.Admin.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StoredKeysAsync());
    }

    [Fact]
    public async Task TheUploadedPhotoIsListedWithItsPage_AndTheUploadPageHasItsDropZone()
    {
        using (var response = await PostAsync(Jpeg(), "listed.jpg"))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var list = await fixture.Admin.GetPageAsync("/admin/photos");
        var link = Assert.Single(list.QuerySelectorAll("tr[data-state=pending] a"), a => a.TextContent == "listed.jpg");
        var details = await fixture.Admin.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal("listed.jpg", details.QuerySelector(".photo-details h4")!.TextContent.Trim());
        Assert.NotNull((await fixture.Admin.GetPageAsync($"/admin/photos/{Guid.NewGuid()}")).QuerySelector("[data-test=not-found]"));
        var upload = await fixture.Admin.GetPageAsync("/admin/photos/upload");
        Assert.NotNull(upload.QuerySelector("[data-test=drop-zone]"));
        Assert.NotNull(upload.QuerySelector("input[type=file][multiple]"));
    }

    [Fact]
    public async Task AnonymousVisitorsAndReadersAreRefused()
    {
        using var anonymous = fixture.Site.NewBrowser();
        using (var response = await anonymous.Client.SendAsync(Request(new ByteArrayContent(Jpeg()), "a.jpg", fixture.Token)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var reader = await fixture.Site.CreateReaderAsync();
        using var readerBrowser = fixture.Site.NewBrowser();
        await readerBrowser.LogInAsync(reader.Email!, "reader password 123");
        using var refused = await readerBrowser.Client.SendAsync(Request(new ByteArrayContent(Jpeg()), "r.jpg", fixture.Token));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(message, (await response.Content.ReadFromJsonAsync<PhotoUploadApi.PhotoUploadResponse>())!.Message);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] bytes, string fileName)
    {
        var before = await StoredKeysAsync();
        var response = await fixture.Admin.Client.SendAsync(Request(new ByteArrayContent(bytes), fileName, fixture.Token));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Assert.Equal(before, await StoredKeysAsync());
        }

        return response;
    }

    private static HttpRequestMessage Request(HttpContent content, string fileName, string? token)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        request.Headers.Add(PhotoUploadApi.FileNameHeader, Uri.EscapeDataString(fileName));
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return request;
    }

    private async Task<List<string>> StoredKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var entry in fixture.Site.Services.GetRequiredService<IObjectStorage>().ListAsync("photos/"))
        {
            keys.Add(entry.Key);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>A small JPEG with different pixels every call, so no two tests upload the same bytes.</summary>
    private static byte[] Jpeg()
    {
        using var image = new MagickImage(MagickColor.FromRgb((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256)), 64, 48);
        image.Comment = Guid.NewGuid().ToString();
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>A JPEG header followed by padding past the limit.</summary>
    private static byte[] OverLimit()
    {
        var bytes = new byte[PhotoUploadSiteFixture.MaxUploadBytes + 4096];
        Jpeg().AsSpan(0, 64).CopyTo(bytes);
        return bytes;
    }

    /// <summary>Sent chunked: the server cannot know the length before reading it.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
