namespace Site.Domain.Albums;

/// <summary>Where readers find an album and each of its photos; the pages, the search index and the sitemap agree on it.</summary>
public static class AlbumAddress
{
    public static string Album(string slug) => $"/photos/album/{slug}/";

    public static string Photo(string slug, Guid photoId) => $"/photos/album/{slug}/photo/{photoId:D}/";
}
