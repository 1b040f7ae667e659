using Site.Domain.Jobs;

namespace Site.Domain.Tests.Jobs;

public class CronRecurrence_NextAfter
{
    private const string NewYork = "America/New_York";

    [Fact]
    public void ReadsTheExpressionInItsTimeZone()
    {
        // 2026-01-15 is in winter time: 00:00 in New York is 05:00 UTC.
        var next = CronRecurrence.Parse("0 0,12 * * *", NewYork).NextAfter(new DateTimeOffset(2026, 1, 15, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 5, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void KeepsTheWallClockTimeAcrossDaylightSaving()
    {
        // In summer, 02:00 in New York is 06:00 UTC.
        var next = CronRecurrence.Parse("0 2 * * *", NewYork).NextAfter(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 6, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void IsStrictlyAfterTheGivenInstant()
    {
        var occurrence = new DateTimeOffset(2026, 1, 15, 11, 0, 0, TimeSpan.Zero); // 06:00 New York
        var next = CronRecurrence.Parse("0 */6 * * *", NewYork).NextAfter(occurrence);
        Assert.Equal(occurrence.AddHours(6), next);
    }

    [Theory]
    [InlineData("0 3 * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("30 1 * * 1-5")]
    [InlineData("@daily")]
    [InlineData("  0 4 * * *  ")]
    public void AcceptsFiveFieldExpressionsAndMacros(string expression) => Assert.Null(CronRecurrence.Problem(expression, NewYork));

    [Theory]
    [InlineData("", "required")]
    [InlineData(null, "required")]
    [InlineData("every day", "not a cron expression")]
    [InlineData("0 3 * *", "not a cron expression")]
    [InlineData("0 0 3 * * *", "not a cron expression")]
    [InlineData("61 * * * *", "not a cron expression")]
    [InlineData("0 0 31 2 *", "never occurs")]
    public void RefusesMalformedExpressionsWithTheReason(string? expression, string reason) =>
        Assert.Contains(reason, CronRecurrence.Problem(expression, NewYork));

    [Fact]
    public void RefusesOverlongExpressions() =>
        Assert.Contains("at most", CronRecurrence.Problem(new string('*', CronRecurrence.MaxExpressionLength + 1), NewYork));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public void RefusesUnknownTimeZones(string zone) => Assert.NotNull(CronRecurrence.Problem("0 3 * * *", zone));

    [Fact]
    public void ParseThrowsWithTheReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => CronRecurrence.Parse("nonsense", NewYork));
        Assert.Contains("'nonsense'", ex.Message);
    }
}
