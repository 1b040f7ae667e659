using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Domain.Photos;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>
/// Processed photos: the file name as the title, camera and lens as the description, with the date taken.
/// A photo is shown to readers only through a public album, and no album exists here yet, so every photo is private
/// (the admin's only) and links to its admin page. The album source, when it arrives, owns that decision: it will
/// make a photo public when a public album holds it, with the album's title and place in the photo's text.
/// </summary>
public sealed class PhotoSearchSource : ISearchSource
{
    public SearchKind Kind => SearchKind.Photo;

    public async IAsyncEnumerable<SearchDocumentInput> ReadAsync(
        SiteDbContext db, IReadOnlyCollection<string>? sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = db.Photos.AsNoTracking().Where(p => p.Status == PhotoStatus.Complete);
        if (sourceIds is not null)
        {
            var ids = sourceIds.Select(id => Guid.TryParse(id, out var value) ? value : Guid.Empty).Where(id => id != Guid.Empty).ToList();
            query = query.Where(p => ids.Contains(p.Id));
        }

        var photos = query.OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.OriginalFileName, p.CameraMake, p.CameraModel, p.Lens, p.TakenAt, p.UploadedAt })
            .AsAsyncEnumerable();
        await foreach (var photo in photos.WithCancellation(cancellationToken))
        {
            var camera = CameraName(photo.CameraMake, photo.CameraModel);
            var description = string.Join(" · ", new[] { camera, photo.Lens }.Where(s => !string.IsNullOrWhiteSpace(s)));
            yield return new SearchDocumentInput(
                photo.Id.ToString("D"),
                Path.GetFileNameWithoutExtension(photo.OriginalFileName),
                description.Length > 0 ? description : null,
                photo.TakenAt is { } taken ? "Taken " + taken.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : "",
                null,
                "/admin/photos/" + photo.Id.ToString("D"),
                IsPrivate: true,
                photo.TakenAt is { } local ? new DateTimeOffset(local, TimeSpan.Zero) : photo.UploadedAt);
        }
    }

    /// <summary>"Canon EOS R5", not "Canon Canon EOS R5": many cameras repeat the make in the model.</summary>
    private static string? CameraName(string? make, string? model) =>
        string.IsNullOrWhiteSpace(model) ? make
        : string.IsNullOrWhiteSpace(make) || model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? model
        : make + " " + model;
}
