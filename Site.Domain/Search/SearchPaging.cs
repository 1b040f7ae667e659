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

    /// <summary>
    /// Matches are counted per kind up to this many; a word found in tens of thousands of rows shows "200+" rather
    /// than making every search count them all. Ten pages of one kind is more than anyone reads.
    /// </summary>
    public const int CountCap = 200;

    public static int PageCount(int total) => Math.Min(MaxPage, (total + PageSize - 1) / PageSize);

    /// <summary>A count as the page shows it: "200+" when counting stopped before the end.</summary>
    public static string CountText(int count, bool capped) =>
        count.ToString(CultureInfo.InvariantCulture) + (capped ? "+" : "");
}
