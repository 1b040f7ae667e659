namespace Site.Domain.Search;

/// <summary>
/// Which suggestions the header's search box shows: up to 5 posts, 3 projects and 2 books, then albums and then photos
/// fill what is left of 10.
/// </summary>
public static class AutocompleteMix
{
    public const int Total = 10;

    /// <summary>How many of each kind may be shown at most; albums and photos only fill the remaining places.</summary>
    public static int QuotaOf(SearchKind kind) =>
        kind == SearchKind.Post ? 5 : kind == SearchKind.Project ? 3 : kind == SearchKind.Book ? 2 : Total;

    /// <summary>Picks from candidates that are already in best-first order within each kind.</summary>
    public static IReadOnlyList<T> Pick<T>(IEnumerable<T> candidates, Func<T, SearchKind?> kindOf)
    {
        var byKind = candidates.GroupBy(kindOf).Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.ToList());
        var picked = new List<T>(Total);
        foreach (var kind in SearchKind.All)
        {
            if (byKind.TryGetValue(kind, out var items))
            {
                picked.AddRange(items.Take(Math.Min(QuotaOf(kind), Total - picked.Count)));
            }
        }

        return picked;
    }
}
