namespace Site.Domain.Health;

/// <summary>The overall state the site reports at <c>/health/</c>.</summary>
public enum SiteHealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

/// <summary>The parts of the site that <c>/health/</c> checks.</summary>
public static class SiteHealthChecks
{
    public const string Database = "database";
    public const string Cache = "cache";
    public const string Storage = "storage";
    public const string Jobs = "jobs";

    /// <summary>
    /// The site cannot serve anything without its database, so only that check makes it unhealthy;
    /// a failing cache, storage or jobs host leaves pages working with less, which is "degraded".
    /// </summary>
    public static SiteHealthStatus Overall(IReadOnlyDictionary<string, bool> passedByCheck)
    {
        if (passedByCheck.TryGetValue(Database, out var db) && !db)
        {
            return SiteHealthStatus.Unhealthy;
        }

        return passedByCheck.Values.All(passed => passed) ? SiteHealthStatus.Healthy : SiteHealthStatus.Degraded;
    }
}
