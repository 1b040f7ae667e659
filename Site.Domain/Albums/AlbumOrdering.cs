namespace Site.Domain.Albums;

/// <summary>The order of photos in an album and the choices that depend on it.</summary>
public static class AlbumOrdering
{
    /// <summary>
    /// Display order first; photos with the same order by the time they were taken (undated last), then by upload
    /// time, so the order is stable.
    /// </summary>
    public static IReadOnlyList<T> Order<T>(IEnumerable<T> photos, Func<T, int> displayOrder, Func<T, DateTime?> takenAt, Func<T, DateTimeOffset> uploadedAt) =>
        photos
            .OrderBy(displayOrder)
            .ThenBy(p => takenAt(p) is null ? 1 : 0)
            .ThenBy(p => takenAt(p) ?? DateTime.MaxValue)
            .ThenBy(uploadedAt)
            .ToList();

    /// <summary>The photo that stands for the album when shared: the first featured one, else the first.</summary>
    public static T? SocialImage<T>(IReadOnlyList<T> ordered, Func<T, bool> featured) where T : class =>
        ordered.FirstOrDefault(featured) ?? ordered.FirstOrDefault();

    /// <summary>How many grid images load at once; the rest load lazily as the reader scrolls.</summary>
    public const int EagerImages = 4;

    /// <summary>Sitemap priority of a public album by its size: 0.8 from 20 photos, 0.7 from 10, 0.6 from 5, else 0.5.</summary>
    public static decimal SitemapPriority(int photoCount) => photoCount switch
    {
        >= 20 => 0.8m,
        >= 10 => 0.7m,
        >= 5 => 0.6m,
        _ => 0.5m,
    };
}
