using Site.Domain.Jobs;

namespace Site.Domain.Tests.Jobs;

public class JobRetryPolicy_DelayAfter
{
    private static readonly JobRetryPolicy Policy = new(5, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    public void DoublesAfterEveryFailedAttempt(int attemptsMade, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Policy.DelayAfter(attemptsMade));

    [Theory]
    [InlineData(4)]
    [InlineData(60)]
    [InlineData(int.MaxValue)]
    public void NeverExceedsTheLongestDelay(int attemptsMade) => Assert.Equal(TimeSpan.FromMinutes(1), Policy.DelayAfter(attemptsMade));

    [Fact]
    public void RefusesAnAttemptCountBelowOne() => Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayAfter(0));

    [Theory]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    public void AllowsAttemptsUpToTheMaximum(int attemptsMade, bool allowed) => Assert.Equal(allowed, Policy.AllowsAnotherAttempt(attemptsMade));

    [Fact]
    public void OnceMeansNoRetry() => Assert.False(JobRetryPolicy.Once.AllowsAnotherAttempt(1));

    [Theory]
    [InlineData(0, 10, 60)]
    [InlineData(101, 10, 60)]
    [InlineData(3, 0, 60)]
    [InlineData(3, 60, 10)]
    public void ProblemNamesUnusableSettings(int attempts, int firstSeconds, int maxSeconds) =>
        Assert.NotNull(new JobRetryPolicy(attempts, TimeSpan.FromSeconds(firstSeconds), TimeSpan.FromSeconds(maxSeconds)).Problem());

    [Fact]
    public void TheDefaultPolicyIsUsable() => Assert.Null(JobRetryPolicy.Default.Problem());
}
