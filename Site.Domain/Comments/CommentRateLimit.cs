namespace Site.Domain.Comments;

/// <summary>How many comments one client may send: 5 an hour and 10 a day. Staff are not limited.</summary>
public static class CommentRateLimit
{
    public const int PerHour = 5;
    public const int PerDay = 10;

    public static readonly string HourlyLimitReached = $"You have sent {PerHour} comments in the last hour, the most allowed; please wait a while and send it again.";
    public static readonly string DailyLimitReached = $"You have sent {PerDay} comments today, the most allowed; please come back tomorrow.";

    /// <summary>Null when one more comment is allowed, given what the client sent in the last hour and today.</summary>
    public static string? Problem(int sentLastHour, int sentToday) =>
        sentToday >= PerDay ? DailyLimitReached
        : sentLastHour >= PerHour ? HourlyLimitReached
        : null;
}
