using Site.Data.Configuration;

namespace Site.Jobs;

/// <summary>Settings under <c>Site:Jobs</c>.</summary>
public sealed class JobsHostOptions : ISiteOptions
{
    public const string Section = "Site:Jobs";

    /// <summary>File touched at every heartbeat; the container health check reads its age.</summary>
    public string HeartbeatFile { get; set; } = Path.Combine(Path.GetTempPath(), "site-jobs.heartbeat");

    /// <summary>How long running work may take to finish after SIGTERM before the host stops anyway.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (string.IsNullOrWhiteSpace(HeartbeatFile))
        {
            yield return $"{sectionPath}:HeartbeatFile is required.";
        }

        if (ShutdownGracePeriod < TimeSpan.Zero || ShutdownGracePeriod > TimeSpan.FromMinutes(10))
        {
            yield return $"{sectionPath}:ShutdownGracePeriod must be between 00:00:00 and 00:10:00, not {ShutdownGracePeriod}.";
        }
    }
}
