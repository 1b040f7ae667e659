using Microsoft.EntityFrameworkCore;
using Site.Data.Albums;
using Site.Data.Tests.Photos;
using Site.Domain.Albums;

namespace Site.Data.Tests.Albums;

public class AlbumGallery_ShareLinks(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    private readonly AlbumTestKit _kit = new(fixture);

    [Fact]
    public async Task AValidLinkOpensItsAlbumOnly_AndEveryUseIsCounted()
    {
        var album = await _kit.AlbumAsync("Shared", [], isPrivate: true);
        var other = await _kit.AlbumAsync("Other", [], isPrivate: true);
        var created = await _kit.Editor.CreateShareLinkAsync(album, "Grandma", null, null);
        Assert.NotNull(created.Token);

        Assert.Equal(ShareLinkVerdict.Granted, (await _kit.Gallery.CheckLinkAsync(album, created.Token, null)).Verdict);
        Assert.Equal(ShareLinkVerdict.Granted, (await _kit.Gallery.CheckLinkAsync(album, created.Token, "ignored")).Verdict);
        Assert.Equal(ShareLinkVerdict.NotFound, (await _kit.Gallery.CheckLinkAsync(other, created.Token, null)).Verdict);
        Assert.Equal(ShareLinkVerdict.NotFound, (await _kit.Gallery.CheckLinkAsync(album, ShareToken.Create(), null)).Verdict);
        Assert.Equal(ShareLinkVerdict.NotFound, (await _kit.Gallery.CheckLinkAsync(album, "' OR 1=1 --", null)).Verdict);
        Assert.Equal(ShareLinkVerdict.NotFound, (await _kit.Gallery.CheckLinkAsync(album, null, null)).Verdict);

        await using var db = fixture.CreateContext();
        var link = await db.AlbumShareLinks.AsNoTracking().SingleAsync(l => l.Id == created.Link!.Id);
        Assert.Equal(2, link.AccessCount);
        Assert.NotNull(link.LastAccessAt);
        Assert.NotEqual(created.Token, link.TokenHash);
        Assert.Equal(ShareToken.Hash(created.Token!), link.TokenHash);
    }

    [Fact]
    public async Task ExpiredAndRevokedLinks_AreNotFound_AndEndTheirSessions()
    {
        var album = await _kit.AlbumAsync("Expiring", [], isPrivate: true);
        var expiring = await _kit.Editor.CreateShareLinkAsync(album, "For a week", _kit.Clock.GetUtcNow().AddDays(7), null);
        var revoked = await _kit.Editor.CreateShareLinkAsync(album, "Ex", null, null);
        Assert.True(await _kit.Gallery.IsSessionValidAsync(album, revoked.Link!.Id));

        Assert.True(await _kit.Editor.RevokeShareLinkAsync(revoked.Link.Id));
        Assert.False(await _kit.Editor.RevokeShareLinkAsync(revoked.Link.Id));
        Assert.Equal(ShareLinkVerdict.NotFound, (await _kit.Gallery.CheckLinkAsync(album, revoked.Token, null)).Verdict);
        Assert.False(await _kit.Gallery.IsSessionValidAsync(album, revoked.Link.Id));

        Assert.Equal(ShareLinkVerdict.Granted, (await _kit.Gallery.CheckLinkAsync(album, expiring.Token, null)).Verdict);
        _kit.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(ShareLinkVerdict.NotFound, (await _kit.Gallery.CheckLinkAsync(album, expiring.Token, null)).Verdict);
        Assert.False(await _kit.Gallery.IsSessionValidAsync(album, expiring.Link!.Id));
    }

    [Fact]
    public async Task APasswordLink_AsksForThePassword_RefusesAWrongOne_AndStoresOnlyAHash()
    {
        var album = await _kit.AlbumAsync("Locked", [], isPrivate: true);
        var created = await _kit.Editor.CreateShareLinkAsync(album, "Friends", null, "correct horse");

        Assert.Equal(ShareLinkVerdict.NeedsPassword, (await _kit.Gallery.CheckLinkAsync(album, created.Token, null)).Verdict);
        Assert.Equal(ShareLinkVerdict.WrongPassword, (await _kit.Gallery.CheckLinkAsync(album, created.Token, "Correct horse")).Verdict);
        Assert.Equal(ShareLinkVerdict.Granted, (await _kit.Gallery.CheckLinkAsync(album, created.Token, "correct horse")).Verdict);

        await using var db = fixture.CreateContext();
        var link = await db.AlbumShareLinks.AsNoTracking().SingleAsync(l => l.Id == created.Link!.Id);
        Assert.DoesNotContain("correct horse", link.PasswordHash);
        Assert.Equal(1, link.AccessCount);
    }

    [Fact]
    public async Task BadLinkSettings_AreRefusedWithAReason_AndNothingIsStored()
    {
        var album = await _kit.AlbumAsync("Refusals", [], isPrivate: true);

        Assert.NotNull((await _kit.Editor.CreateShareLinkAsync(album, "", null, null)).Problem);
        Assert.NotNull((await _kit.Editor.CreateShareLinkAsync(album, "Late", _kit.Clock.GetUtcNow().AddHours(-1), null)).Problem);
        Assert.NotNull((await _kit.Editor.CreateShareLinkAsync(album, "Weak", null, "123")).Problem);
        Assert.NotNull((await _kit.Editor.CreateShareLinkAsync(Guid.NewGuid(), "Nobody", null, null)).Problem);

        await using var db = fixture.CreateContext();
        Assert.False(await db.AlbumShareLinks.AnyAsync(l => l.AlbumId == album));
    }
}
