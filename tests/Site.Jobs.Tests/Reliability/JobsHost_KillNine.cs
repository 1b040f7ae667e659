using Site.Data.Jobs;
using Site.TestSupport;

namespace Site.Jobs.Tests.Reliability;

public class JobsHost_KillNine
{
    [Fact]
    public async Task AJobWhoseHostIsKilledIsReclaimedWhenItsLeaseRunsOut_AndEveryJobCompletesExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var probe = new QueueProbe(database.CreateContext);
        await using var first = JobsHostProcess.Start(database.ConnectionString);
        await using var second = JobsHostProcess.Start(database.ConnectionString);
        await QueueProbe.EventuallyAsync(async () => await probe.LiveHostsAsync() == 2, TimeSpan.FromSeconds(60), "both hosts started", first, second);

        var longJob = await probe.EnqueueSleepAsync(4000);
        var shortJobs = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            shortJobs.Add(await probe.EnqueueSleepAsync(200));
        }

        await QueueProbe.EventuallyAsync(async () => (await probe.RunsOfAsync(longJob)).Any(r => r.Outcome == JobRunOutcome.Running),
            TimeSpan.FromSeconds(20), "the long job started", first, second);
        var runningOn = (await probe.RunsOfAsync(longJob)).Single().Host;
        var (victim, survivor) = runningOn.Split(':')[1] == first.ProcessId.ToString() ? (first, second) : (second, first);
        victim.KillHard();
        Assert.True(await victim.WaitForExitAsync(TimeSpan.FromSeconds(10)), "kill -9 did not end the host");

        await QueueProbe.EventuallyAsync(async () => await probe.IsDoneAsync(longJob), TimeSpan.FromSeconds(40),
            "the long job was reclaimed and completed", survivor);
        foreach (var job in shortJobs)
        {
            await QueueProbe.EventuallyAsync(() => probe.IsDoneAsync(job), TimeSpan.FromSeconds(20), $"short job {job} completed", survivor);
        }

        var longRuns = await probe.RunsOfAsync(longJob);
        Assert.Equal([JobRunOutcome.Abandoned, JobRunOutcome.Succeeded], longRuns.Select(r => r.Outcome));
        Assert.Equal(runningOn, longRuns[0].Host);
        Assert.NotEqual(runningOn, longRuns[1].Host);
        foreach (var job in shortJobs.Append(longJob))
        {
            Assert.Single(await probe.RunsOfAsync(job), r => r.Outcome == JobRunOutcome.Succeeded);
        }

        Assert.False(survivor.HasExited);
    }
}
