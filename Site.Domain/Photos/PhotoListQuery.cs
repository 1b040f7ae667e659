using System.Globalization;

namespace Site.Domain.Photos;

/// <summary>Which date the admin's photo list filters on.</summary>
public enum PhotoDateField
{
    /// <summary>When the photo was uploaded, in UTC days.</summary>
    Uploaded,

    /// <summary>When the camera says it was taken, in the camera's own days; photos with no date taken never match.</summary>
    Taken,
}

/// <summary>
/// A range of whole days, both ends included; an end left out is open. Made through <see cref="Create"/>, so its start
/// is never after its end (ends given the wrong way round are swapped rather than refused: the admin meant the days
/// between them).
/// </summary>
public sealed record PhotoDateRange
{
    private PhotoDateRange(PhotoDateField field, DateOnly? from, DateOnly? to) => (Field, From, To) = (field, from, to);

    public PhotoDateField Field { get; }

    public DateOnly? From { get; }

    public DateOnly? To { get; }

    /// <summary>The range, or null when neither end is given (no date filter at all).</summary>
    public static PhotoDateRange? Create(PhotoDateField field, DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        return from > to ? new PhotoDateRange(field, to, from) : new PhotoDateRange(field, from, to);
    }

    /// <summary>The first instant of <see cref="From"/>, as a wall-clock time; null when open.</summary>
    public DateTime? StartInclusive => From?.ToDateTime(TimeOnly.MinValue);

    /// <summary>The first instant after <see cref="To"/>, as a wall-clock time; null when open (or at the calendar's last day).</summary>
    public DateTime? EndExclusive => To is { } to && to < DateOnly.MaxValue ? to.AddDays(1).ToDateTime(TimeOnly.MinValue) : null;
}

/// <summary>The page a list shows, worked out from the page asked for and how many rows match.</summary>
public readonly record struct PhotoListPaging(int Page, int PageCount, int TotalCount, int PageSize)
{
    /// <summary>Rows to skip to reach <see cref="Page"/>.</summary>
    public int Skip => (Page - 1) * PageSize;

    /// <summary>
    /// Page numbers start at 1; one below is page 1 and one past the end is the last page, so a stale link (rows were
    /// deleted, a filter narrowed) still shows photos. An empty list has one, empty, page.
    /// </summary>
    public static PhotoListPaging For(int requestedPage, int totalCount, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(totalCount);
        var pageCount = Math.Max(1, (int)(((long)totalCount + pageSize - 1) / pageSize));
        return new PhotoListPaging(Math.Clamp(requestedPage, 1, pageCount), pageCount, totalCount, pageSize);
    }
}

/// <summary>
/// What the admin's photo list shows, as read from (and written to) the page's address, so a reload or a shared link
/// shows the same photos. Reading is forgiving by design: anything unreadable in the address (a page of "-1" or "x",
/// a date of "yesterday", an unknown status) falls back to its default instead of failing the page.
/// </summary>
public sealed record PhotoListQuery
{
    /// <summary>Photos on one page of the list.</summary>
    public const int PageSize = 50;

    /// <summary>A camera name longer than make and model together can be is no camera; it is ignored.</summary>
    public const int MaxCameraLength = 401;

    public const string StatusKey = "status";
    public const string CameraKey = "camera";
    public const string AlbumKey = "album";
    public const string DateFieldKey = "dates";
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string DuplicatesKey = "duplicates";
    public const string PageKey = "page";

    /// <summary>The query-string keys this list owns; other keys in the address are left alone.</summary>
    public static readonly IReadOnlyList<string> Keys = [StatusKey, CameraKey, AlbumKey, DateFieldKey, FromKey, ToKey, DuplicatesKey, PageKey];

    public static PhotoListQuery Default { get; } = new();

    public PhotoStatus? Status { get; init; }

    /// <summary>"Make Model" as the list shows it.</summary>
    public string? Camera { get; init; }

    /// <summary>Only the photos of this album.</summary>
    public Guid? Album { get; init; }

    public PhotoDateRange? Dates { get; init; }

    /// <summary>Only photos that have at least one near duplicate.</summary>
    public bool DuplicatesOnly { get; init; }

    /// <summary>The page asked for (1-based); <see cref="PhotoListPaging.For"/> fits it to the rows there are.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Reads the list's state from query-string values (null when absent), ignoring what cannot be read.</summary>
    public static PhotoListQuery Parse(Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var field = Named<PhotoDateField>(value(DateFieldKey)) ?? PhotoDateField.Uploaded;
        return new PhotoListQuery
        {
            Status = Named<PhotoStatus>(value(StatusKey)),
            Camera = value(CameraKey)?.Trim() is { Length: > 0 and <= MaxCameraLength } camera ? camera : null,
            Album = Guid.TryParseExact(value(AlbumKey)?.Trim(), "D", out var album) ? album : null,
            Dates = PhotoDateRange.Create(field, Date(value(FromKey)), Date(value(ToKey))),
            DuplicatesOnly = value(DuplicatesKey)?.Trim().ToLowerInvariant() is "true" or "1" or "yes" or "on",
            Page = int.TryParse(value(PageKey), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1,
        };
    }

    /// <summary>
    /// The query-string values for this state, every key of <see cref="Keys"/> present: null for a default, so the
    /// address stays short and a default is written the same way however it was reached.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ToQueryString() => new Dictionary<string, string?>
    {
        [StatusKey] = Status?.ToString(),
        [CameraKey] = Camera,
        [AlbumKey] = Album?.ToString("D"),
        [DateFieldKey] = Dates is { Field: not PhotoDateField.Uploaded } ? Dates.Field.ToString().ToLowerInvariant() : null,
        [FromKey] = Dates?.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [ToKey] = Dates?.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [DuplicatesKey] = DuplicatesOnly ? "true" : null,
        [PageKey] = Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null,
    };

    /// <summary>The same filters from the first page: every change of filter starts the list again.</summary>
    public PhotoListQuery Filtered(Func<PhotoListQuery, PhotoListQuery> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change(this) with { Page = 1 };
    }

    // Names only: Enum.TryParse would also take "2" or "Pending,Failed" and turn them into some member.
    private static T? Named<T>(string? text) where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => string.Equals(v.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(v => (T?)v).FirstOrDefault();

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
