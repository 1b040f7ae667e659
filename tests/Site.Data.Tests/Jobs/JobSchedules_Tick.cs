using Microsoft.EntityFrameworkCore;
using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Data.Tests.Jobs;

public class JobSchedules_Tick(JobsTestContext context) : IClassFixture<JobsTestContext>
{
    [Fact]
    public async Task TheMigrationSeedsTheReferenceSchedule()
    {
        var schedules = (await context.Schedules.ListAsync(CancellationToken.None)).ToDictionary(s => s.Name);
        Assert.Equal("0 0,12 * * *", schedules["ip-geolocation"].Cron);
        Assert.Equal("0 2 * * *", schedules["performance-audit"].Cron);
        Assert.Equal(JobQueues.Heavy, schedules["performance-audit"].Queue);
        Assert.Equal("0 3 * * *", schedules["sitemap-warm-up"].Cron);
        Assert.Equal("0 4 * * *", schedules["knowledge-graph-screenshot"].Cron);
        Assert.Equal("0 */6 * * *", schedules["knowledge-graph-rebuild"].Cron);
        Assert.Contains("cache-clean-up", schedules.Keys);
        // Search changes reach the index through the queue as they happen; the hourly refresh became a nightly rebuild.
        Assert.DoesNotContain("search-index-refresh", schedules.Keys);
        Assert.Equal(("search.rebuild-index", "45 3 * * *"), (schedules["search-index-rebuild"].JobType, schedules["search-index-rebuild"].Cron));
        Assert.Equal("jobs.clean-up-history", schedules["job-history-clean-up"].JobType);
        Assert.All(schedules.Values, s =>
        {
            Assert.Equal("America/New_York", s.TimeZone);
            Assert.Null(CronRecurrence.Problem(s.Cron, s.TimeZone));
        });
    }

    [Fact]
    public async Task ATickFirstSetsTheNextTime_ThenEnqueuesOnceWhenDue_EvenWithSeveralHostsTickingAtOnce()
    {
        var name = await AddScheduleAsync("0 3 * * *");
        await context.Schedules.EnqueueDueAsync(CancellationToken.None);
        var seen = await FindAsync(name);
        Assert.True(seen.NextRunAt > DateTimeOffset.UtcNow, "the first tick sets the next occurrence without running");
        Assert.Null(seen.LastJobId);

        await SetNextRunAsync(name, DateTimeOffset.UtcNow.AddSeconds(-1));
        var enqueued = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => context.Schedules.EnqueueDueAsync(CancellationToken.None))));

        var ticked = await FindAsync(name);
        Assert.NotNull(ticked.LastJobId);
        Assert.True(ticked.NextRunAt > DateTimeOffset.UtcNow);
        await using var db = context.CreateContext();
        var jobs = await db.Jobs.Where(j => j.IdempotencyKey!.StartsWith($"schedule:{name}:")).ToListAsync();
        var job = Assert.Single(jobs);
        Assert.Equal((ticked.LastJobId, "test.succeeds", JobQueues.Default), (job.Id, job.Type, job.Queue));
        Assert.True(enqueued.Sum() >= 1);
    }

    [Fact]
    public async Task APausedScheduleDoesNotRun_AndResumesFromNowOn()
    {
        var name = await AddScheduleAsync("*/5 * * * *");
        Assert.True((await context.Schedules.PauseAsync(name, CancellationToken.None)).Succeeded);
        await SetNextRunAsync(name, DateTimeOffset.UtcNow.AddMinutes(-1));
        await context.Schedules.EnqueueDueAsync(CancellationToken.None);
        Assert.Null((await FindAsync(name)).LastJobId);

        Assert.True((await context.Schedules.ResumeAsync(name, CancellationToken.None)).Succeeded);
        var resumed = await FindAsync(name);
        Assert.False(resumed.Paused);
        Assert.InRange(resumed.NextRunAt!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Theory]
    [InlineData("")]
    [InlineData("every hour")]
    [InlineData("0 25 * * *")]
    [InlineData("0 0 30 2 *")]
    public async Task AMalformedCronIsRefusedWithAMessage_AndChangesNothing(string cron)
    {
        var name = await AddScheduleAsync("0 3 * * *");
        await context.Schedules.EnqueueDueAsync(CancellationToken.None);
        var before = await FindAsync(name);

        var result = await context.Schedules.ChangeCronAsync(name, cron, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        var after = await FindAsync(name);
        Assert.Equal((before.Cron, before.NextRunAt, before.UpdatedAt), (after.Cron, after.NextRunAt, after.UpdatedAt));
    }

    [Fact]
    public async Task AValidCronChangeAppliesAtOnce()
    {
        var name = await AddScheduleAsync("0 3 * * *");
        var result = await context.Schedules.ChangeCronAsync(name, " */10 * * * * ", CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        var changed = await FindAsync(name);
        Assert.Equal("*/10 * * * *", changed.Cron);
        Assert.InRange(changed.NextRunAt!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task RunNowQueuesTheJobOnce()
    {
        var name = await AddScheduleAsync("0 3 * * *");
        var first = await context.Schedules.RunNowAsync(name, CancellationToken.None);
        var second = await context.Schedules.RunNowAsync(name, CancellationToken.None);
        Assert.True(first.Succeeded, first.Message);
        Assert.False(second.Succeeded);
        Assert.Contains("already queued", second.Message);
        Assert.False((await context.Schedules.RunNowAsync("no-such-schedule", CancellationToken.None)).Succeeded);
    }

    private async Task<string> AddScheduleAsync(string cron)
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = context.CreateContext();
        db.JobSchedules.Add(new JobSchedule
        {
            Name = name, Description = "test", JobType = "test.succeeds", Queue = JobQueues.Default, Arguments = """{"note":"scheduled"}""",
            Cron = cron, TimeZone = "America/New_York", UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return name;
    }

    private async Task<JobSchedule> FindAsync(string name)
    {
        await using var db = context.CreateContext();
        return await db.JobSchedules.AsNoTracking().SingleAsync(s => s.Name == name);
    }

    private async Task SetNextRunAsync(string name, DateTimeOffset next)
    {
        await using var db = context.CreateContext();
        await db.JobSchedules.Where(s => s.Name == name).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextRunAt, next));
    }
}
