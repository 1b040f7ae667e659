using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.TestSupport;

namespace Site.Jobs.Tests.Reliability;

public class JobsHost_Sigterm
{
    [Fact]
    public async Task OnSigtermTheHostStopsClaiming_FinishesWhatEndsWithinTheGracePeriod_AndReleasesTheRest()
    {
        await using var database = await TestDatabase.CreateAsync();
        var probe = new QueueProbe(database.CreateContext);
        await using var host = JobsHostProcess.Start(database.ConnectionString,
            new Dictionary<string, string> { ["Site__Jobs__ShutdownGracePeriod"] = "00:00:04" });
        await QueueProbe.EventuallyAsync(async () => await probe.LiveHostsAsync() == 1, TimeSpan.FromSeconds(60), "the host started", host);

        var finishing = await probe.EnqueueSleepAsync(2000);
        var tooLong = await probe.EnqueueSleepAsync(120_000);
        await QueueProbe.EventuallyAsync(async () =>
                (await probe.RunsOfAsync(finishing)).Count == 1 && (await probe.RunsOfAsync(tooLong)).Count == 1,
            TimeSpan.FromSeconds(20), "both jobs started", host);

        host.Terminate();
        await Task.Delay(300);
        var afterSigterm = await probe.EnqueueSleepAsync(0);

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the host did not stop within the grace period\n" + host.Output);
        Assert.True(host.ExitCode == 0, $"exit code {host.ExitCode}\n{host.Output}");

        Assert.Equal(JobRunOutcome.Succeeded, Assert.Single(await probe.RunsOfAsync(finishing)).Outcome);
        var interrupted = Assert.Single(await probe.RunsOfAsync(tooLong));
        Assert.Equal(JobRunOutcome.Interrupted, interrupted.Outcome);
        var released = await probe.JobAsync(tooLong);
        Assert.Equal((JobStatus.Pending, 0, (string?)null), (released!.Status, released.Attempt, released.LockedBy));
        Assert.Empty(await probe.RunsOfAsync(afterSigterm));
        Assert.Equal(JobStatus.Pending, (await probe.JobAsync(afterSigterm))!.Status);
        await using var db = database.CreateContext();
        Assert.NotNull((await db.JobHosts.SingleAsync()).StoppedAt);
    }
}
