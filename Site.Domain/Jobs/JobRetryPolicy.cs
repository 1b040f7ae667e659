namespace Site.Domain.Jobs;

/// <summary>
/// How often a job type is tried and how long it waits between tries: the wait doubles after every failed attempt,
/// starting at <see cref="FirstRetryDelay"/> and never exceeding <see cref="MaxRetryDelay"/>.
/// </summary>
public sealed record JobRetryPolicy(int MaxAttempts, TimeSpan FirstRetryDelay, TimeSpan MaxRetryDelay)
{
    /// <summary>Three attempts, 10 s then 20 s apart: rides out a restart of a dependency without hammering it.</summary>
    public static JobRetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));

    /// <summary>One attempt only: for work that is repeated by its schedule anyway.</summary>
    public static JobRetryPolicy Once { get; } = new(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

    public const int MaxAllowedAttempts = 100;

    /// <summary>Whether a job that has made <paramref name="attemptsMade"/> attempts, all failed, gets another one.</summary>
    public bool AllowsAnotherAttempt(int attemptsMade) => attemptsMade < MaxAttempts;

    /// <summary>How long to wait before the next attempt after <paramref name="attemptsMade"/> failed attempts (at least 1).</summary>
    public TimeSpan DelayAfter(int attemptsMade)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        // The exponent is capped so that the doubling cannot overflow; the cap is far above any real MaxRetryDelay.
        var factor = Math.Pow(2, Math.Min(attemptsMade - 1, 40));
        var ticks = FirstRetryDelay.Ticks * factor;
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Null when the policy is usable, otherwise why not.</summary>
    public string? Problem()
    {
        if (MaxAttempts is < 1 or > MaxAllowedAttempts)
        {
            return $"A job may be tried between 1 and {MaxAllowedAttempts} times, not {MaxAttempts}.";
        }

        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            return $"The first retry delay must be positive and at most the longest delay ({FirstRetryDelay} / {MaxRetryDelay}).";
        }

        return null;
    }
}
