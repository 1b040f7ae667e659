using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Site.Blazor.Admin;
using Site.Data.Albums;

namespace Site.Blazor.Tests.Albums;

public class AlbumAdmin_PagesAndUpload(AlbumSiteFixture fixture) : IClassFixture<AlbumSiteFixture>
{
    [Fact]
    public async Task TheAlbumScreens_AreTheAdminsOnly()
    {
        using var stranger = fixture.Stranger();
        foreach (var address in new[] { "/admin/albums", "/admin/albums/new", $"/admin/albums/{fixture.PrivateId}" })
        {
            using var response = await stranger.Client.GetAsync(address);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
        }

        var list = await fixture.Admin.GetPageAsync("/admin/albums");
        Assert.NotNull(list.QuerySelector($"[data-test=album-{fixture.PrivateSlug}]"));
        var editor = await fixture.Admin.GetPageAsync($"/admin/albums/{fixture.PrivateId}");
        Assert.Contains("Private beach", (editor.QuerySelector("input[data-test=title]") ?? editor.QuerySelector("[data-test=title] input"))!.GetAttribute("value"));
        Assert.Equal("ready", editor.QuerySelector("[data-test=zip-status]")!.GetAttribute("data-state"));
        // The photo rows are drag-and-drop items, drawn once the circuit is up; the prerendered page counts them.
        Assert.Contains("Photos (1)", editor.Body!.TextContent);
    }

    [Fact]
    public async Task AnUploadIntoAnAlbum_PlacesThePhotoLast_AndQueuesTheZip_InOneGo()
    {
        var album = await fixture.SaveAsync("Upload target " + Guid.NewGuid().ToString("N")[..6], isPrivate: true);

        using var response = await UploadAsync($"?album={album.AlbumId}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var photoId = (await response.Content.ReadFromJsonAsync<PhotoUploadApi.PhotoUploadResponse>())!.PhotoId!.Value;
        await using var db = fixture.Site.Database.CreateContext();
        var placed = await db.AlbumPhotos.Where(p => p.AlbumId == album.AlbumId).OrderBy(p => p.DisplayOrder).Select(p => p.PhotoId).ToListAsync();
        Assert.Equal([fixture.Photo.Id, photoId], placed);
        Assert.True(await db.Jobs.AnyAsync(j => j.Type == BuildAlbumZip.Definition.Type && j.DebounceKey == album.AlbumId!.Value.ToString("D") && j.RunAt > DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("?album=not-a-guid")]
    [InlineData("?album=00000000-0000-0000-0000-000000000000")]
    [InlineData("?album=%27%3B%20DROP%20TABLE%20albums%3B--")]
    public async Task AnUploadIntoAMissingAlbum_IsRefused_AndStoresNothing(string query)
    {
        await using var db = fixture.Site.Database.CreateContext();
        var photos = await db.Photos.CountAsync();

        using var response = await UploadAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("album", (await response.Content.ReadFromJsonAsync<PhotoUploadApi.PhotoUploadResponse>())!.Message);
        Assert.Equal(photos, await db.Photos.CountAsync());
    }

    private async Task<HttpResponseMessage> UploadAsync(string query)
    {
        var token = (await fixture.Admin.GetPageAsync("/account/manage/change-password"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var image = new MagickImage(MagickColors.OrangeRed, 64, 48);
        image.Comment = Guid.NewGuid().ToString();
        var content = new ByteArrayContent(image.ToByteArray(MagickFormat.Jpeg));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Post, AdminApi.Prefix + PhotoUploadApi.Path + query) { Content = content };
        request.Headers.Add(PhotoUploadApi.FileNameHeader, "into-album.jpg");
        request.Headers.Add("RequestVerificationToken", token);
        return await fixture.Admin.Client.SendAsync(request);
    }
}
