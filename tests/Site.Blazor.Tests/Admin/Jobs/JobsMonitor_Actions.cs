using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Site.Blazor.Components.Pages.Admin.Jobs;
using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Blazor.Tests.Admin.Jobs;

public class JobsMonitor_Actions : IAsyncLifetime
{
    private readonly JobsMonitorContext _context = new();

    public Task InitializeAsync() => _context.InitializeAsync();

    public Task DisposeAsync() => _context.DisposeAsync();

    [Fact]
    public async Task ShowsQueuesSchedulesAndQueuedJobs()
    {
        var job = await _context.EnqueueAsync("photos.process");
        var page = _context.Bunit.Render<JobsMonitor>();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("photos.process", page.Find($"[data-test=job-{job}]").TextContent);
            Assert.NotNull(page.Find("[data-test=queue-heavy]"));
            Assert.NotNull(page.Find("[data-test=schedule-ip-geolocation]"));
            Assert.NotNull(page.Find("[data-test=no-hosts]"));
            Assert.Equal("connected", page.Find(".jobs-monitor").GetAttribute("data-live"));
        });
    }

    [Fact]
    public async Task FollowsAJobFromQueuedToDoneWithoutReload()
    {
        var page = _context.Bunit.Render<JobsMonitor>();
        page.WaitForAssertion(() => Assert.Equal("connected", page.Find(".jobs-monitor").GetAttribute("data-live")));

        var job = await _context.EnqueueAsync("reports.build");
        page.WaitForAssertion(() => Assert.Equal("Pending", page.Find($"[data-test=job-status-{job}]").TextContent), TimeSpan.FromSeconds(10));

        await using var leases = Npgsql.NpgsqlDataSource.Create(_context.Database.ConnectionString);
        var store = new JobLeases(leases);
        var claimed = Assert.Single(await store.ClaimAsync(JobQueues.Default, 1, "live-host", TimeSpan.FromMinutes(1), CancellationToken.None));
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-test=running-{job}]")), TimeSpan.FromSeconds(10));

        await store.RecordAsync([new JobRunResult(claimed.RunId, JobRunOutcome.Succeeded, JobFollowUp.Remove, TimeSpan.FromMilliseconds(42))], CancellationToken.None);
        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll($"[data-test=job-{job}]"));
            Assert.Contains("Succeeded", page.Find($"[data-test=run-outcome-{claimed.RunId}]").TextContent);
            Assert.Contains("42.0 ms", page.Find($"[data-test=run-{claimed.RunId}]").TextContent);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task CancelsAPendingJob_AndRetriesItFromTheList()
    {
        var job = await _context.EnqueueAsync("mail.send", new JobEnqueueOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });
        var page = _context.Bunit.Render<JobsMonitor>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-test=cancel-{job}]")));

        page.Find($"[data-test=cancel-{job}]").Click();
        page.WaitForAssertion(() => Assert.Contains("is cancelled", page.Find("[data-test=message]").TextContent));
        Assert.Equal(JobStatus.Cancelled, await StatusOf(job));

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-test=retry-{job}]")));
        page.Find($"[data-test=retry-{job}]").Click();
        page.WaitForAssertion(() => Assert.Contains("queued again", page.Find("[data-test=message]").TextContent));
        Assert.Equal(JobStatus.Pending, await StatusOf(job));
    }

    [Fact]
    public async Task FiltersRunsByOutcomeAndType()
    {
        await using (var db = _context.CreateContext())
        {
            db.JobRuns.AddRange(
                new JobRun { JobType = "photos.process", Queue = "default", Arguments = "{}", Host = "h", Attempt = 1, StartedAt = DateTimeOffset.UtcNow, Outcome = JobRunOutcome.Succeeded },
                new JobRun { JobType = "albums.zip", Queue = "default", Arguments = "{}", Host = "h", Attempt = 1, StartedAt = DateTimeOffset.UtcNow, Outcome = JobRunOutcome.Failed, Error = "disk full" });
            await db.SaveChangesAsync();
        }

        var page = _context.Bunit.Render<JobsMonitor>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-test^=run-outcome-]").Count));

        var outcome = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Outcome");
        await page.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(nameof(JobRunOutcome.Failed)));
        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-test^=run-outcome-]"));
            Assert.Contains("Failed", row.TextContent);
        });

        await page.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(""));
        page.Find("input[data-test=run-type]").Change("photos");
        page.WaitForAssertion(() => Assert.Contains("Succeeded", Assert.Single(page.FindAll("[data-test^=run-outcome-]")).TextContent));
    }

    [Fact]
    public async Task RefusesAMalformedCron_AndChangesNothing_ThenAcceptsAValidOne()
    {
        var page = _context.Bunit.Render<JobsMonitor>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-test=cron-sitemap-warm-up]")));

        page.Find("input[data-test=cron-sitemap-warm-up]").Change("every night at three");
        page.Find("[data-test=save-cron-sitemap-warm-up]").Click();
        page.WaitForAssertion(() => Assert.Contains("is not a cron expression", page.Find("[data-test=message]").TextContent));
        Assert.Equal("0 3 * * *", await CronOf("sitemap-warm-up"));

        page.Find("input[data-test=cron-sitemap-warm-up]").Change("30 3 * * *");
        page.Find("[data-test=save-cron-sitemap-warm-up]").Click();
        page.WaitForAssertion(() => Assert.Contains("now runs on '30 3 * * *'", page.Find("[data-test=message]").TextContent));
        Assert.Equal("30 3 * * *", await CronOf("sitemap-warm-up"));
        page.WaitForAssertion(() => Assert.Contains("America/New_York", page.Find("[data-test=next-run-sitemap-warm-up]").TextContent));
    }

    [Fact]
    public async Task PausesAndResumesASchedule_AndRunsItNow()
    {
        var page = _context.Bunit.Render<JobsMonitor>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-test=pause-knowledge-graph-rebuild]")));

        page.Find("[data-test=pause-knowledge-graph-rebuild]").Click();
        page.WaitForAssertion(() => Assert.Equal("Paused", page.Find("[data-test=schedule-state-knowledge-graph-rebuild]").TextContent));
        Assert.True(await PausedAsync("knowledge-graph-rebuild"));

        page.Find("[data-test=resume-knowledge-graph-rebuild]").Click();
        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-test=schedule-state-knowledge-graph-rebuild]").TextContent));
        Assert.False(await PausedAsync("knowledge-graph-rebuild"));

        page.Find("[data-test=run-now-knowledge-graph-rebuild]").Click();
        page.WaitForAssertion(() => Assert.Contains("queued job", page.Find("[data-test=message]").TextContent));
        await using var db = _context.CreateContext();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Type == "graph.rebuild" && j.Status == JobStatus.Pending));
    }

    private async Task<JobStatus?> StatusOf(long job)
    {
        await using var db = _context.CreateContext();
        return await db.Jobs.Where(j => j.Id == job).Select(j => (JobStatus?)j.Status).SingleAsync();
    }

    private async Task<string> CronOf(string schedule)
    {
        await using var db = _context.CreateContext();
        return await db.JobSchedules.Where(s => s.Name == schedule).Select(s => s.Cron).SingleAsync();
    }

    private async Task<bool> PausedAsync(string schedule)
    {
        await using var db = _context.CreateContext();
        return await db.JobSchedules.Where(s => s.Name == schedule).Select(s => s.Paused).SingleAsync();
    }
}
