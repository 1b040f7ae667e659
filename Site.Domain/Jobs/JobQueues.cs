namespace Site.Domain.Jobs;

/// <summary>The queues jobs wait in. Each jobs host runs every queue with its own concurrency.</summary>
public static class JobQueues
{
    /// <summary>Browser work (screenshots, audits): Chromium is memory-hungry, so one at a time per host.</summary>
    public const string Heavy = "heavy";

    /// <summary>Mail and text messages: small, many, and a reader waits for them.</summary>
    public const string Notifications = "notifications";

    /// <summary>Everything else.</summary>
    public const string Default = "default";

    public static IReadOnlyList<string> All { get; } = [Heavy, Notifications, Default];

    public static bool IsKnown(string? queue) => queue is not null && All.Contains(queue, StringComparer.Ordinal);
}
