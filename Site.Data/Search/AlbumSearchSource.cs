using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Domain.Albums;
using Site.Domain.Photos;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>
/// Albums: title, description, and the names of their processed photos as the body, so an album is found by what it
/// holds. A private album's row is private: only the admin is ever shown it.
/// </summary>
public sealed class AlbumSearchSource : ISearchSource
{
    public SearchKind Kind => SearchKind.Album;

    public async IAsyncEnumerable<SearchDocumentInput> ReadAsync(
        SiteDbContext db, IReadOnlyCollection<string>? sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = db.Albums.AsNoTracking();
        if (sourceIds is not null)
        {
            var ids = SearchSourceIds.Guids(sourceIds);
            query = query.Where(a => ids.Contains(a.Id));
        }

        var albums = query.OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id,
                a.Title,
                a.Slug,
                a.Description,
                a.IsPrivate,
                a.CreatedAt,
                Photos = a.Photos.Where(p => p.Photo!.Status == PhotoStatus.Complete)
                    .OrderBy(p => p.DisplayOrder).Select(p => p.Photo!.OriginalFileName).ToList(),
            })
            .AsAsyncEnumerable();
        await foreach (var album in albums.WithCancellation(cancellationToken))
        {
            yield return new SearchDocumentInput(
                album.Id.ToString("D"),
                album.Title,
                string.IsNullOrWhiteSpace(album.Description) ? null : album.Description,
                string.Join(' ', album.Photos.Select(Path.GetFileNameWithoutExtension)),
                null,
                AlbumAddress.Album(album.Slug),
                album.IsPrivate,
                album.CreatedAt);
        }
    }
}

/// <summary>Source ids as row keys: ids that are not GUIDs name no row.</summary>
internal static class SearchSourceIds
{
    public static List<Guid> Guids(IReadOnlyCollection<string> sourceIds) =>
        sourceIds.Select(id => Guid.TryParse(id, out var value) ? value : Guid.Empty).Where(id => id != Guid.Empty).ToList();
}
