using Microsoft.AspNetCore.DataProtection;
using Site.Blazor.Security;
using Site.Data.Albums;
using Site.Domain.Albums;

namespace Site.Blazor.Albums;

/// <summary>
/// Who may see an album: everyone for a public album; for a private one the admin, and whoever holds a share session,
/// a signed cookie scoped to the album's address that a valid share link (and its password) sets. The cookie names
/// the link, and the link is checked again on every request, so revoking it or its expiry ends the session at once.
/// </summary>
public sealed class AlbumAccess(AlbumGallery gallery, IDataProtectionProvider protection, TimeProvider clock, IHostEnvironment environment)
{
    /// <summary>A share session lasts this long at most (less when the link expires sooner).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Site.Albums.ShareSession").ToTimeLimitedDataProtector();

    public static string AlbumPath(string slug) => AlbumAddress.Album(slug);

    public static string CookieName(Guid albumId) => $"site.album.{albumId:N}";

    public async Task<bool> CanViewAsync(HttpContext context, Guid albumId, bool isPrivate, CancellationToken cancellationToken)
    {
        if (!isPrivate || context.User.IsInRole(AdminAuthorization.Role))
        {
            return true;
        }

        return SessionLink(context, albumId) is { } linkId && await gallery.IsSessionValidAsync(albumId, linkId, cancellationToken);
    }

    /// <summary>True when the reader sees the album through a share session rather than because it is public or theirs.</summary>
    public static bool IsShared(HttpContext context, bool isPrivate) => isPrivate && !context.User.IsInRole(AdminAuthorization.Role);

    public void StartSession(HttpContext context, Guid albumId, string slug, Guid linkId, DateTimeOffset? linkExpiresAt)
    {
        var now = clock.GetUtcNow();
        var expires = linkExpiresAt is { } linkExpiry && linkExpiry < now + SessionLifetime ? linkExpiry : now + SessionLifetime;
        var value = _protector.Protect($"{albumId:N}|{linkId:N}", expires);
        context.Response.Cookies.Append(CookieName(albumId), value, new CookieOptions
        {
            Path = AlbumPath(slug),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps || !environment.IsDevelopment(),
            Expires = expires,
            IsEssential = true,
        });
    }

    private Guid? SessionLink(HttpContext context, Guid albumId)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName(albumId), out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|');
            return parts.Length == 2 && Guid.TryParse(parts[0], out var album) && album == albumId && Guid.TryParse(parts[1], out var link)
                ? link
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Tampered with, expired or signed with a key this site no longer has: no session.
            return null;
        }
    }
}
