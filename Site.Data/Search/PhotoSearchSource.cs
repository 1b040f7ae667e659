using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Data.Photos;
using Site.Domain.Albums;
using Site.Domain.Photos;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>
/// Processed photos: the file name as the title; camera, lens and the albums holding it as the description, with the
/// date taken. A photo reaches readers only through a public album: held by one, it is public and links to its page
/// in the first such album (by title); held by none, it is the admin's only and links to its admin page.
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
            var ids = SearchSourceIds.Guids(sourceIds);
            query = query.Where(p => ids.Contains(p.Id));
        }

        var photos = query.OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.OriginalFileName,
                p.CameraMake,
                p.CameraModel,
                p.Lens,
                p.TakenAt,
                p.UploadedAt,
                Albums = db.Albums.Where(a => a.Photos.Any(ap => ap.PhotoId == p.Id))
                    .OrderBy(a => a.IsPrivate).ThenBy(a => a.Title)
                    .Select(a => new { a.Title, a.Slug, a.IsPrivate }).ToList(),
            })
            .AsAsyncEnumerable();
        await foreach (var photo in photos.WithCancellation(cancellationToken))
        {
            var camera = CameraName(photo.CameraMake, photo.CameraModel);
            var publicAlbum = photo.Albums.FirstOrDefault(a => !a.IsPrivate);
            // A public row names public albums only: a private album's title is no reader's business.
            var albums = photo.Albums.Where(a => publicAlbum is null || !a.IsPrivate).Select(a => a.Title);
            var description = string.Join(" · ", new[] { camera, photo.Lens }.Concat(albums).Where(s => !string.IsNullOrWhiteSpace(s)));
            yield return new SearchDocumentInput(
                photo.Id.ToString("D"),
                Path.GetFileNameWithoutExtension(photo.OriginalFileName),
                description.Length > 0 ? description : null,
                photo.TakenAt is { } taken ? "Taken " + taken.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : "",
                null,
                publicAlbum is null ? "/admin/photos/" + photo.Id.ToString("D") : AlbumAddress.Photo(publicAlbum.Slug, photo.Id),
                IsPrivate: publicAlbum is null,
                photo.TakenAt is { } local ? new DateTimeOffset(local, TimeSpan.Zero) : photo.UploadedAt);
        }
    }

    /// <summary>"Canon EOS R5", not "Canon Canon EOS R5": many cameras repeat the make in the model.</summary>
    private static string? CameraName(string? make, string? model) =>
        string.IsNullOrWhiteSpace(model) ? make
        : string.IsNullOrWhiteSpace(make) || model.StartsWith(make, StringComparison.OrdinalIgnoreCase) ? model
        : make + " " + model;
}
