namespace Site.Domain.Hosts;

/// <summary>Decides whether a jobs host is alive from its last heartbeat.</summary>
public static class JobHostLiveness
{
    /// <summary>Hosts beat every <see cref="BeatInterval"/>; three missed beats mean the host is lost.</summary>
    public static readonly TimeSpan BeatInterval = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan LostAfter = BeatInterval * 3;

    public static bool IsAlive(DateTimeOffset lastSeen, DateTimeOffset now) =>
        now - lastSeen <= LostAfter;
}
