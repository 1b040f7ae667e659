using System.Globalization;

namespace Site.Domain.Search;

/// <summary>Pages of the results page: 20 results each, page 1 for anything unreadable, at most page 50.</summary>
public static class SearchPaging
{
    public const int PageSize = 20;

    /// <summary>Deep pages cost the database a long sort for results nobody reads; 1,000 results is the end.</summary>
    public const int MaxPage = 50;

    public static int Parse(string? page) =>
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? Math.Min(value, MaxPage)
            : 1;

    public static int PageCount(int total) => Math.Min(MaxPage, (total + PageSize - 1) / PageSize);
}
