using Site.Data.Photos;
using Site.Domain.Albums;

namespace Site.Data.Albums;

/// <summary>
/// A gallery of photos at <c>/photos/album/&lt;slug&gt;/</c>. A private album is seen only by the admin and by holders
/// of one of its share links. The ZIP of all originals is built in the background; <see cref="ZipKey"/> points at the
/// last complete one and is switched only once a new one is fully stored.
/// </summary>
public sealed class Album
{
    public required Guid Id { get; init; }

    public required string Title { get; set; }

    /// <summary>Unique; see <see cref="AlbumSlug"/>.</summary>
    public required string Slug { get; set; }

    public string? Description { get; set; }

    public bool IsPrivate { get; set; }

    public bool AllowDownloads { get; set; }

    /// <summary>The photo shown for the album in lists; the first photo when null (or when it left the album).</summary>
    public Guid? CoverPhotoId { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public AlbumZipStatus ZipStatus { get; set; } = AlbumZipStatus.None;

    /// <summary>Storage key of the complete ZIP offered for download; null while there is none.</summary>
    public string? ZipKey { get; set; }

    /// <summary><see cref="AlbumZipEntries.ContentHash"/> of what <see cref="ZipKey"/> holds.</summary>
    public string? ZipContentHash { get; set; }

    public long? ZipSizeBytes { get; set; }

    public DateTimeOffset? ZipBuiltAt { get; set; }

    /// <summary>Why the last build failed, for the admin.</summary>
    public string? ZipError { get; set; }

    public List<AlbumPhoto> Photos { get; init; } = [];

    public List<AlbumShareLink> ShareLinks { get; init; } = [];

    /// <summary>True when "Download all" may be offered.</summary>
    public bool ZipReady => AllowDownloads && ZipStatus == AlbumZipStatus.Ready && ZipKey is not null;
}

/// <summary>A photo's place in an album.</summary>
public sealed class AlbumPhoto
{
    public Guid AlbumId { get; init; }

    public Guid PhotoId { get; init; }

    public Photo? Photo { get; init; }

    /// <summary>Position in the album, from 0; ties are ordered by date taken (<see cref="AlbumOrdering"/>).</summary>
    public int DisplayOrder { get; set; }

    /// <summary>Shown as a 2×2 tile; the first featured photo is the album's social image.</summary>
    public bool Featured { get; set; }

    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>
/// A link that opens a private album for one recipient. Only the token's hash is stored (<see cref="ShareToken"/>);
/// the password, when there is one, is hashed with ASP.NET Core Identity's password hasher.
/// </summary>
public sealed class AlbumShareLink
{
    public required Guid Id { get; init; }

    public required Guid AlbumId { get; init; }

    /// <summary>Who the link is for.</summary>
    public required string Label { get; init; }

    public required string TokenHash { get; init; }

    public string? PasswordHash { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public int AccessCount { get; set; }

    public DateTimeOffset? LastAccessAt { get; set; }

    public ShareLinkState StateAt(DateTimeOffset now) => ShareLinkRules.StateAt(now, ExpiresAt, RevokedAt);
}
