using Site.Domain.Hosts;

namespace Site.Domain.Tests.Hosts;

public class JobHostLiveness_IsAlive
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AliveRightAfterABeat() => Assert.True(JobHostLiveness.IsAlive(Now.AddSeconds(-1), Now));

    [Fact]
    public void AliveUpToThreeMissedBeats() => Assert.True(JobHostLiveness.IsAlive(Now - JobHostLiveness.LostAfter, Now));

    [Fact]
    public void LostAfterThreeMissedBeats() =>
        Assert.False(JobHostLiveness.IsAlive(Now - JobHostLiveness.LostAfter - TimeSpan.FromSeconds(1), Now));
}
