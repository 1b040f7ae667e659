using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Site.Blazor.Tests.Accounts;
using Site.Data.Albums;
using Site.Data.Persistence;
using Site.Data.Photos;

namespace Site.Blazor.Tests.Albums;

/// <summary>
/// A site with one processed photo in a public album and in two private ones (downloads on, ZIP built), share links
/// of every kind for the first private album, and a signed-in admin.
/// </summary>
public sealed class AlbumSiteFixture : IAsyncLifetime
{
    public AccountsSite Site { get; private set; } = null!;

    public AccountsBrowser Admin { get; private set; } = null!;

    public Photo Photo { get; private set; } = null!;

    public string PublicSlug { get; private set; } = "";

    public string PrivateSlug { get; private set; } = "";

    public Guid PrivateId { get; private set; }

    public string OtherPrivateSlug { get; private set; } = "";

    public string ValidToken { get; private set; } = "";

    public Guid ValidLinkId { get; private set; }

    public string ExpiredToken { get; private set; } = "";

    public string RevokedToken { get; private set; } = "";

    public string PasswordToken { get; private set; } = "";

    public const string LinkPassword = "open sesame";

    public AlbumEditor Editor => Site.Services.GetRequiredService<AlbumEditor>();

    public async Task InitializeAsync()
    {
        Site = await AccountsSite.StartAsync();
        Admin = Site.NewBrowser();
        await Admin.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword);

        Photo = await AddProcessedPhotoAsync("Beach Day.jpg");
        var publicAlbum = await SaveAsync("Public beach", isPrivate: false);
        var privateAlbum = await SaveAsync("Private beach", isPrivate: true);
        var otherAlbum = await SaveAsync("Other private", isPrivate: true);
        (PublicSlug, PrivateSlug, OtherPrivateSlug, PrivateId) = (publicAlbum.Slug!, privateAlbum.Slug!, otherAlbum.Slug!, privateAlbum.AlbumId!.Value);
        var zips = Site.Services.GetRequiredService<AlbumZipBuilder>();
        Assert.Equal(AlbumZipOutcome.Built, await zips.BuildAsync(PrivateId));
        Assert.Equal(AlbumZipOutcome.Built, await zips.BuildAsync(publicAlbum.AlbumId!.Value));

        var valid = await Editor.CreateShareLinkAsync(PrivateId, "Valid", null, null);
        (ValidToken, ValidLinkId) = (valid.Token!, valid.Link!.Id);
        var expired = await Editor.CreateShareLinkAsync(PrivateId, "Expired", DateTimeOffset.UtcNow.AddDays(1), null);
        ExpiredToken = expired.Token!;
        await using (var db = Site.Database.CreateContext())
        {
            await db.AlbumShareLinks.Where(l => l.Id == expired.Link!.Id).ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var revoked = await Editor.CreateShareLinkAsync(PrivateId, "Revoked", null, null);
        RevokedToken = revoked.Token!;
        Assert.True(await Editor.RevokeShareLinkAsync(revoked.Link!.Id));
        PasswordToken = (await Editor.CreateShareLinkAsync(PrivateId, "Password", null, LinkPassword)).Token!;
    }

    /// <summary>A fresh client without cookies: a stranger.</summary>
    public AccountsBrowser Stranger() => Site.NewBrowser();

    public async Task<AlbumSaveResult> SaveAsync(string title, bool isPrivate, bool allowDownloads = true)
    {
        var result = await Editor.SaveAsync(null, new AlbumDraft(title, null, null, isPrivate, allowDownloads, null, [new(Photo.Id, true)]));
        Assert.True(result.Saved, string.Join("; ", result.Problems.Values));
        return result;
    }

    private async Task<Photo> AddProcessedPhotoAsync(string fileName)
    {
        using var image = new MagickImage(MagickColors.SteelBlue, 640, 480);
        image.Comment = Guid.NewGuid().ToString();
        await using var db = Site.Services.GetRequiredService<IDbContextFactory<SiteDbContext>>().CreateDbContext();
        var accepted = await Site.Services.GetRequiredService<PhotoIntake>().AcceptAsync(new MemoryStream(image.ToByteArray(MagickFormat.Jpeg)), fileName, db);
        Assert.Equal(PhotoIntakeOutcome.Accepted, accepted.Outcome);
        await db.SaveChangesAsync();
        await Site.Services.GetRequiredService<PhotoProcessor>().ProcessAsync(accepted.Photo!.Id);
        return accepted.Photo;
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Site.DisposeAsync();
    }
}
