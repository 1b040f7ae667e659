using System.Globalization;

namespace Site.Blazor.Components.Pages.Admin.Jobs;

/// <summary>How the jobs monitor writes times and durations: exact, unambiguous, the same everywhere on the page.</summary>
public static class JobsFormat
{
    /// <summary>An exact instant in UTC, to the millisecond.</summary>
    public static string Exact(DateTimeOffset? instant) =>
        instant is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>The wall-clock time of <paramref name="instant"/> in a schedule's time zone.</summary>
    public static string InZone(DateTimeOffset instant, string timeZoneId)
    {
        try
        {
            var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
            return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + timeZoneId;
        }
        catch (TimeZoneNotFoundException)
        {
            return timeZoneId + " (unknown time zone)";
        }
    }

    /// <summary>Milliseconds below a second, seconds below a minute, then hours:minutes:seconds.</summary>
    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalSeconds: < 1 } d => d.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        { TotalMinutes: < 1 } d => d.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s",
        { } d => ((int)d.TotalHours).ToString("00", CultureInfo.InvariantCulture) + d.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>A first line of an error for a table cell; the whole text goes in its tooltip.</summary>
    public static string FirstLine(string? text, int max = 120)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var line = text.Split('\n', 2)[0].TrimEnd();
        return line.Length <= max ? line : line[..max] + "…";
    }
}
