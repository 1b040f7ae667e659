using Site.Domain.Health;

namespace Site.Domain.Tests.Health;

public class SiteHealthChecks_Overall
{
    private static Dictionary<string, bool> AllPassing() => new()
    {
        [SiteHealthChecks.Database] = true,
        [SiteHealthChecks.Cache] = true,
        [SiteHealthChecks.Storage] = true,
        [SiteHealthChecks.Jobs] = true,
    };

    [Fact]
    public void HealthyWhenEveryCheckPasses() => Assert.Equal(SiteHealthStatus.Healthy, SiteHealthChecks.Overall(AllPassing()));

    [Theory]
    [InlineData(SiteHealthChecks.Cache)]
    [InlineData(SiteHealthChecks.Storage)]
    [InlineData(SiteHealthChecks.Jobs)]
    public void DegradedWhenAPartOtherThanTheDatabaseFails(string failing)
    {
        var checks = AllPassing();
        checks[failing] = false;
        Assert.Equal(SiteHealthStatus.Degraded, SiteHealthChecks.Overall(checks));
    }

    [Fact]
    public void UnhealthyWhenTheDatabaseFailsWhateverElse()
    {
        var checks = AllPassing();
        checks[SiteHealthChecks.Database] = false;
        checks[SiteHealthChecks.Cache] = false;
        Assert.Equal(SiteHealthStatus.Unhealthy, SiteHealthChecks.Overall(checks));
    }
}
