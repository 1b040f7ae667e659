using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Site.Data.Albums;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Domain.Photos;

namespace Site.Blazor.Admin;

/// <summary>
/// <c>POST /api/admin/photos</c>: one photo per request, its bytes as the raw body and its file name (URL-encoded) in
/// <see cref="FileNameHeader"/>, so the body streams straight to storage without a multipart parser buffering it.
/// The antiforgery token travels in the standard <c>RequestVerificationToken</c> header. An optional
/// <c>?album=&lt;id&gt;</c> puts the photo at the end of that album, in the same transaction as the photo itself.
/// </summary>
public static class PhotoUploadApi
{
    public const string Path = "/photos";

    public const string FileNameHeader = "X-File-Name";

    /// <summary>What the upload page gets back: the photo, or why not (and for a duplicate, which photo it repeats).</summary>
    public sealed record PhotoUploadResponse(Guid? PhotoId, string? FileName, string? Status, string? Message, Guid? EarlierPhotoId);

    public static RouteGroupBuilder MapPhotoUpload(this RouteGroupBuilder admin)
    {
        admin.MapPost(Path, UploadAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return admin;
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context,
        PhotoIntake intake,
        AlbumEditor albums,
        IDbContextFactory<SiteDbContext> databases,
        IOptions<PhotoOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        // The antiforgery middleware checks the token for this endpoint, but only form binding acts on its verdict;
        // a raw body must act on it here.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return Refuse(StatusCodes.Status400BadRequest, "The upload was refused because the page's security token is missing or stale. Reload the page and try again.");
        }

        var maxBytes = options.Value.MaxUploadBytes;
        if (context.Request.ContentLength > maxBytes)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, PhotoUploadLimit.TooLargeMessage(maxBytes));
        }

        // The server's own body limit (30 MB by default) would end a large photo with a broken read; the intake counts
        // the bytes itself and refuses past the photo setting with a sentence, so lift the server's limit here.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        Guid? albumId = null;
        if (context.Request.Query.TryGetValue("album", out var albumValue))
        {
            // Checked before the body is read, so a photo meant for a missing album is not stored at all.
            if (!Guid.TryParse(albumValue.ToString(), out var parsed) || !await db.Albums.AnyAsync(a => a.Id == parsed, cancellationToken))
            {
                return Refuse(StatusCodes.Status400BadRequest, "The album chosen for this upload does not exist (it may have been deleted). Choose another album, or none.");
            }

            albumId = parsed;
        }

        var fileName = DecodeFileName(context.Request.Headers[FileNameHeader].ToString());
        var result = await intake.AcceptAsync(context.Request.Body, fileName, db, cancellationToken);
        switch (result.Outcome)
        {
            case PhotoIntakeOutcome.Duplicate:
                return Results.Json(new PhotoUploadResponse(null, null, null, result.Message, result.EarlierPhotoId), statusCode: StatusCodes.Status409Conflict);
            case PhotoIntakeOutcome.Refused:
                // The intake words every refusal for the uploader; only the size refusal has a status of its own.
                return Refuse(
                    result.Message == PhotoUploadLimit.TooLargeMessage(maxBytes) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                    result.Message!);
        }

        var photo = result.Photo!;
        try
        {
            // The row and its processing job commit together: no photo waits forever for a job that was never queued.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (albumId is { } target)
            {
                await albums.AddUploadedPhotoAsync(db, target, photo.Id, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await JobQueue.EnqueueAsync(db, new ProcessPhoto(photo.Id), cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            await intake.AbandonAsync(photo, db);
            if (ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
            {
                // The same file arrived twice at once and the other copy won the unique hash.
                return Refuse(StatusCodes.Status409Conflict, "This photo is already on the site: the same file was uploaded a moment ago.");
            }

            loggers.CreateLogger(typeof(PhotoUploadApi)).LogError(ex, "Could not save uploaded photo {PhotoId}", photo.Id);
            throw;
        }

        return Results.Json(
            new PhotoUploadResponse(photo.Id, photo.OriginalFileName, photo.Status.ToString(), null, null),
            statusCode: StatusCodes.Status201Created);
    }

    private static IResult Refuse(int status, string message) =>
        Results.Json(new PhotoUploadResponse(null, null, null, message, null), statusCode: status);

    // Header values are ASCII, so the page URL-encodes the name; a malformed escape is kept as sent (the intake
    // sanitizes every name anyway).
    private static string DecodeFileName(string header)
    {
        try
        {
            return Uri.UnescapeDataString(header);
        }
        catch (UriFormatException)
        {
            return header;
        }
    }
}
