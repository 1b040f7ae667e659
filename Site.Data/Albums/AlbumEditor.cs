using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Site.Data.Content;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Data.Search;
using Site.Data.Storage;
using Site.Domain.Albums;
using Site.Domain.Photos;

namespace Site.Data.Albums;

/// <summary>A photo as the editor places it: in list order, featured or not.</summary>
public sealed record AlbumPhotoPlacement(Guid PhotoId, bool Featured);

/// <summary>Everything the album editor saves at once. An empty <see cref="Slug"/> means "make one from the title".</summary>
public sealed record AlbumDraft(
    string Title,
    string? Slug,
    string? Description,
    bool IsPrivate,
    bool AllowDownloads,
    Guid? CoverPhotoId,
    IReadOnlyList<AlbumPhotoPlacement> Photos);

/// <summary>What saving did: the album's id and slug, or the problems by field ("Title", "Slug", "Description", "Photos"), nothing saved.</summary>
public sealed record AlbumSaveResult(Guid? AlbumId, string? Slug, IReadOnlyDictionary<string, string> Problems)
{
    public bool Saved => AlbumId is not null;

    public static AlbumSaveResult Refused(string field, string problem) => new(null, null, new Dictionary<string, string> { [field] = problem });
}

/// <summary>A new share link; <see cref="Token"/> is shown once and never stored.</summary>
public sealed record CreatedShareLink(AlbumShareLink? Link, string? Token, string? Problem);

/// <summary>
/// The admin's changes to albums. Each save is one transaction (album, its photos and the ZIP job), so a refused or
/// failed save changes nothing. Every change that can alter the ZIP queues its build, debounced: a burst of edits
/// ends in one build <see cref="ZipDelay"/> after the last of them.
/// </summary>
public sealed class AlbumEditor(IDbContextFactory<SiteDbContext> databases, IObjectStorage storage, TimeProvider clock, ILogger<AlbumEditor> logger)
{
    /// <summary>How long an album must stay unchanged before its ZIP is built.</summary>
    public static readonly TimeSpan ZipDelay = TimeSpan.FromSeconds(30);

    internal static readonly PasswordHasher<AlbumShareLink> Passwords = new();

    /// <summary>Creates an album (<paramref name="albumId"/> null) or replaces an album's settings and photos.</summary>
    public async Task<AlbumSaveResult> SaveAsync(Guid? albumId, AlbumDraft draft, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string>();
        if (AlbumText.TitleProblem(draft.Title) is { } titleProblem)
        {
            problems["Title"] = titleProblem;
        }

        if (AlbumText.DescriptionProblem(draft.Description) is { } descriptionProblem)
        {
            problems["Description"] = descriptionProblem;
        }

        var explicitSlug = !string.IsNullOrWhiteSpace(draft.Slug);
        var wanted = explicitSlug ? draft.Slug!.Trim() : AlbumSlug.FromTitle(draft.Title);
        if (explicitSlug && AlbumSlug.Problem(wanted) is { } slugProblem)
        {
            problems["Slug"] = slugProblem;
        }

        var photoIds = draft.Photos.Select(p => p.PhotoId).ToList();
        if (photoIds.Distinct().Count() != photoIds.Count)
        {
            problems["Photos"] = "A photo can be in an album only once.";
        }

        if (draft.CoverPhotoId is { } cover && !photoIds.Contains(cover))
        {
            problems["Cover"] = "The cover must be one of the album's photos.";
        }

        if (problems.Count > 0)
        {
            return new AlbumSaveResult(null, null, problems);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = albumId is { } id
            ? await db.Albums.Include(a => a.Photos).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            : null;
        if (albumId is not null && album is null)
        {
            return AlbumSaveResult.Refused("Album", "This album no longer exists; it may have been deleted in another window.");
        }

        var known = await db.Photos.Where(p => photoIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        if (known.Count != photoIds.Count)
        {
            return AlbumSaveResult.Refused("Photos", "Some of the chosen photos no longer exist; reload the page and choose again.");
        }

        var taken = (await db.Albums.Where(a => a.Id != albumId && (a.Slug == wanted || a.Slug.StartsWith(wanted + "-")))
            .Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (explicitSlug && taken.Contains(wanted))
        {
            var other = await db.Albums.Where(a => a.Slug == wanted).Select(a => a.Title).FirstAsync(cancellationToken);
            return AlbumSaveResult.Refused("Slug", $"The address \"{wanted}\" is already used by the album \"{other}\". Choose another, or clear it to have one made from the title.");
        }

        var slug = explicitSlug ? wanted : album is not null && album.Slug == wanted ? wanted : AlbumSlug.MakeUnique(wanted, taken);
        var now = clock.GetUtcNow();
        var downloadsWereOn = album?.AllowDownloads ?? false;
        if (album is null)
        {
            album = new Album { Id = Guid.CreateVersion7(now), Title = "", Slug = "", CreatedAt = now, UpdatedAt = now };
            db.Albums.Add(album);
        }

        album.Title = draft.Title.Trim();
        album.Slug = slug;
        album.Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        album.IsPrivate = draft.IsPrivate;
        album.AllowDownloads = draft.AllowDownloads;
        album.CoverPhotoId = draft.CoverPhotoId;
        album.UpdatedAt = now;
        PlacePhotos(album, draft.Photos, now);

        string? zipToDelete = null;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            zipToDelete = await QueueZipAsync(db, album, downloadsWereOn, cancellationToken);
            await AnnounceChangeAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AlbumSaveResult.Refused("Slug", $"The address \"{slug}\" was taken by another album a moment ago. Save again to get a free one, or choose another.");
        }

        await DeleteZipQuietlyAsync(zipToDelete);
        return new AlbumSaveResult(album.Id, album.Slug, new Dictionary<string, string>());
    }

    /// <summary>The list's inline switches: private and downloads. False when there is no such album.</summary>
    public async Task<bool> SetSwitchesAsync(Guid albumId, bool? isPrivate, bool? allowDownloads, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = await db.Albums.SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        if (album is null)
        {
            return false;
        }

        var downloadsWereOn = album.AllowDownloads;
        album.IsPrivate = isPrivate ?? album.IsPrivate;
        album.AllowDownloads = allowDownloads ?? album.AllowDownloads;
        album.UpdatedAt = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var zipToDelete = await QueueZipAsync(db, album, downloadsWereOn, cancellationToken);
        await AnnounceChangeAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await DeleteZipQuietlyAsync(zipToDelete);
        return true;
    }

    /// <summary>
    /// Adds a just-uploaded photo at the end of the album, in the caller's context and transaction (the upload's),
    /// and queues the album's ZIP. False when there is no such album.
    /// </summary>
    public async Task<bool> AddUploadedPhotoAsync(SiteDbContext db, Guid albumId, Guid photoId, CancellationToken cancellationToken = default)
    {
        var album = await db.Albums.SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        if (album is null)
        {
            return false;
        }

        var last = await db.AlbumPhotos.Where(p => p.AlbumId == albumId).MaxAsync(p => (int?)p.DisplayOrder, cancellationToken) ?? -1;
        var now = clock.GetUtcNow();
        db.AlbumPhotos.Add(new AlbumPhoto { AlbumId = albumId, PhotoId = photoId, DisplayOrder = last + 1, AddedAt = now });
        album.UpdatedAt = now;
        if (album.AllowDownloads)
        {
            album.ZipStatus = AlbumZipStatus.Pending;
            await EnqueueZipAsync(db, album.Id, cancellationToken);
        }

        await AnnounceChangeAsync(db, cancellationToken);
        return true;
    }

    /// <summary>Queues a fresh build of the ZIP now (the admin's "regenerate"), even when its content looks unchanged.</summary>
    public async Task<bool> RegenerateZipAsync(Guid albumId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = await db.Albums.SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        if (album is null || !album.AllowDownloads)
        {
            return false;
        }

        album.ZipStatus = AlbumZipStatus.Pending;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await JobQueue.EnqueueAsync(db, new BuildAlbumZip(albumId, Force: true), new JobEnqueueOptions { DebounceKey = DebounceKey(albumId) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes the album, its share links and its ZIP; its photos stay in the library.</summary>
    public async Task<bool> DeleteAsync(Guid albumId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var album = await db.Albums.SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        if (album is null)
        {
            return false;
        }

        db.Albums.Remove(album);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await AnnounceChangeAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await DeleteZipQuietlyAsync(album.ZipKey);
        return true;
    }

    public async Task<CreatedShareLink> CreateShareLinkAsync(Guid albumId, string? label, DateTimeOffset? expiresAt, string? password, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (ShareLinkRules.Problem(label, expiresAt, password, now) is { } problem)
        {
            return new CreatedShareLink(null, null, problem);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!await db.Albums.AnyAsync(a => a.Id == albumId, cancellationToken))
        {
            return new CreatedShareLink(null, null, "This album no longer exists.");
        }

        var token = ShareToken.Create();
        var link = new AlbumShareLink
        {
            Id = Guid.CreateVersion7(now),
            AlbumId = albumId,
            Label = label!.Trim(),
            TokenHash = ShareToken.Hash(token),
            ExpiresAt = expiresAt,
            CreatedAt = now,
            PasswordHash = string.IsNullOrEmpty(password) ? null : Passwords.HashPassword(null!, password),
        };
        db.AlbumShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedShareLink(link, token, null);
    }

    /// <summary>Revokes a link at once: its holders get "not found" from their next request.</summary>
    public async Task<bool> RevokeShareLinkAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.AlbumShareLinks.Where(l => l.Id == linkId && l.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, now), cancellationToken) == 1;
    }

    internal static string DebounceKey(Guid albumId) => albumId.ToString("D");

    private static void PlacePhotos(Album album, IReadOnlyList<AlbumPhotoPlacement> placements, DateTimeOffset now)
    {
        var wanted = placements.Select(p => p.PhotoId).ToHashSet();
        album.Photos.RemoveAll(p => !wanted.Contains(p.PhotoId));
        for (var i = 0; i < placements.Count; i++)
        {
            var existing = album.Photos.FirstOrDefault(p => p.PhotoId == placements[i].PhotoId);
            if (existing is null)
            {
                album.Photos.Add(new AlbumPhoto { AlbumId = album.Id, PhotoId = placements[i].PhotoId, DisplayOrder = i, Featured = placements[i].Featured, AddedAt = now });
            }
            else
            {
                existing.DisplayOrder = i;
                existing.Featured = placements[i].Featured;
            }
        }
    }

    /// <summary>
    /// Called after the album's changes are saved (inside the transaction). With downloads on and the ZIP's content
    /// changed, marks it pending ("Download all" hides until the new one is ready) and queues its build
    /// <see cref="ZipDelay"/> from now, replacing any queued build. With downloads off, forgets the ZIP and returns its
    /// key for deletion after commit.
    /// </summary>
    private async Task<string?> QueueZipAsync(SiteDbContext db, Album album, bool downloadsWereOn, CancellationToken cancellationToken)
    {
        if (!album.AllowDownloads)
        {
            var key = album.ZipKey;
            album.ZipKey = null;
            album.ZipContentHash = null;
            album.ZipSizeBytes = null;
            album.ZipBuiltAt = null;
            album.ZipError = null;
            album.ZipStatus = AlbumZipStatus.None;
            return downloadsWereOn || key is not null ? key : null;
        }

        var sources = await AlbumZipBuilder.SourcesAsync(db, album.Id, cancellationToken);
        if (album.ZipStatus == AlbumZipStatus.Ready && album.ZipContentHash == AlbumZipEntries.ContentHash(sources))
        {
            return null;
        }

        album.ZipStatus = AlbumZipStatus.Pending;
        await EnqueueZipAsync(db, album.Id, cancellationToken);
        return null;
    }

    /// <summary>
    /// Inside the change's transaction: queues the search index's update, and tells every web host (at commit) that
    /// public content changed, so each evicts its cached pages that list albums (home page, sitemap).
    /// </summary>
    private static async Task AnnounceChangeAsync(SiteDbContext db, CancellationToken cancellationToken)
    {
        await UpdateSearchIndex.EnqueueForAlbumsAsync(db, cancellationToken);
        await ContentChanges.NotifyAsync(db, cancellationToken);
    }

    private Task<EnqueuedJob> EnqueueZipAsync(SiteDbContext db, Guid albumId, CancellationToken cancellationToken) =>
        EnqueueZipAsync(db, albumId, clock.GetUtcNow(), cancellationToken);

    private static Task<EnqueuedJob> EnqueueZipAsync(SiteDbContext db, Guid albumId, DateTimeOffset now, CancellationToken cancellationToken) =>
        JobQueue.EnqueueAsync(db, new BuildAlbumZip(albumId),
            new JobEnqueueOptions { DebounceKey = DebounceKey(albumId), RunAt = now + ZipDelay }, cancellationToken);

    /// <summary>
    /// After a photo was processed: every album that offers downloads and holds it builds its ZIP again, debounced as
    /// for an edit. A photo that failed leaves the ZIP (its files are gone), one processed again after failing joins it;
    /// otherwise the build finds the same content and keeps the ZIP it has.
    /// </summary>
    public static async Task EnqueueZipsForPhotoAsync(SiteDbContext db, Guid photoId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var albums = await db.Albums.Where(a => a.AllowDownloads && a.Photos.Any(p => p.PhotoId == photoId)).Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var albumId in albums)
        {
            await EnqueueZipAsync(db, albumId, now, cancellationToken);
        }
    }

    private async Task DeleteZipQuietlyAsync(string? key)
    {
        if (key is null)
        {
            return;
        }

        try
        {
            await storage.DeleteAsync(key);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not delete the album ZIP {Key}; it is no longer offered", key);
        }
    }
}
