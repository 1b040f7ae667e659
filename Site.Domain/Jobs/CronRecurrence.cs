using Cronos;

namespace Site.Domain.Jobs;

/// <summary>
/// A recurring time: a five-field cron expression (minute hour day-of-month month day-of-week, or a macro such as
/// <c>@daily</c>) read in a time zone, so "0 3 * * *" in America/New_York stays at 03:00 across daylight saving.
/// </summary>
public sealed class CronRecurrence
{
    public const int MaxExpressionLength = 100;

    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private CronRecurrence(string expression, CronExpression parsed, string timeZoneId, TimeZoneInfo zone)
    {
        Expression = expression;
        _expression = parsed;
        TimeZoneId = timeZoneId;
        _zone = zone;
    }

    public string Expression { get; }

    public string TimeZoneId { get; }

    /// <summary>Null when <paramref name="expression"/> in <paramref name="timeZoneId"/> is usable, otherwise a sentence saying why not.</summary>
    public static string? Problem(string? expression, string? timeZoneId) => TryParse(expression, timeZoneId, out _);

    /// <summary>Throws <see cref="ArgumentException"/> with the reason when the expression or time zone is not usable.</summary>
    public static CronRecurrence Parse(string? expression, string? timeZoneId) =>
        TryParse(expression, timeZoneId, out var recurrence) is { } problem ? throw new ArgumentException(problem) : recurrence!;

    /// <summary>The first occurrence strictly after <paramref name="instant"/>, in UTC.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant) =>
        // Problem() refused expressions that never occur, so there always is a next one within Cronos' range.
        _expression.GetNextOccurrence(instant, _zone)?.ToUniversalTime() ?? throw new InvalidOperationException($"'{Expression}' has no occurrence after {instant:O}.");

    private static string? TryParse(string? expression, string? timeZoneId, out CronRecurrence? recurrence)
    {
        recurrence = null;
        var text = expression?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return "A cron expression is required, for example '0 3 * * *' (every day at 03:00).";
        }

        if (text.Length > MaxExpressionLength)
        {
            return $"A cron expression must be at most {MaxExpressionLength} characters long.";
        }

        CronExpression parsed;
        try
        {
            parsed = CronExpression.Parse(text, CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            return $"'{text}' is not a cron expression of five fields (minute hour day-of-month month day-of-week): {ex.Message}";
        }

        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            return "A time zone is required, for example America/New_York.";
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return $"'{timeZoneId}' is not a known time zone; use an IANA name such as America/New_York.";
        }

        // Cronos accepts dates that never come ("0 0 31 2 *"); such a schedule would silently never run.
        if (parsed.GetNextOccurrence(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), zone) is null)
        {
            return $"'{text}' never occurs.";
        }

        recurrence = new CronRecurrence(text, parsed, timeZoneId, zone);
        return null;
    }
}
