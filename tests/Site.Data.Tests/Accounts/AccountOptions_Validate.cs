using Site.Data.Configuration;

namespace Site.Data.Tests.Accounts;

public class AccountOptions_Validate
{
    [Fact]
    public void DefaultsAreValid() => Assert.Empty(new AccountOptions().Validate("Site:Accounts"));

    [Fact]
    public void EachBadValueIsNamed()
    {
        var problems = new AccountOptions
        {
            AdminEmail = "not an address",
            AdminPassword = "short",
            PublicBaseUrl = "ftp://example.test",
            ResetLinkLifetime = TimeSpan.Zero,
            AttemptsPerMinutePerAddress = 0,
            AttemptsPerMinutePerAccount = -1,
            LockoutAfterFailures = 0,
            LockoutDuration = TimeSpan.Zero,
        }.Validate("Site:Accounts").ToList();

        Assert.Contains("Site:Accounts:AdminEmail is not a mail address: 'not an address'.", problems);
        Assert.Contains("Site:Accounts:AdminPassword must be at least 12 characters long.", problems);
        Assert.Contains("Site:Accounts:PublicBaseUrl must be an absolute http(s) URL, not 'ftp://example.test'.", problems);
        Assert.Contains(problems, p => p.StartsWith("Site:Accounts:ResetLinkLifetime must be", StringComparison.Ordinal));
        Assert.Contains("Site:Accounts:AttemptsPerMinutePerAddress must be at least 1, not 0.", problems);
        Assert.Contains("Site:Accounts:AttemptsPerMinutePerAccount must be at least 1, not -1.", problems);
        Assert.Contains("Site:Accounts:LockoutAfterFailures must be at least 1, not 0.", problems);
        Assert.Contains(problems, p => p.StartsWith("Site:Accounts:LockoutDuration must be", StringComparison.Ordinal));
    }
}
