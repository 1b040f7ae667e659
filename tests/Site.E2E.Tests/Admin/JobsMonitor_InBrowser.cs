using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Site.Blazor.Security;
using Site.Data.Jobs;
using Site.Domain.Jobs;
using Site.TestSupport;

namespace Site.E2E.Tests.Admin;

/// <summary>The jobs monitor in a real browser over a real circuit: a job goes from queued to done without a reload.</summary>
public sealed class JobsMonitor_InBrowser : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var media = Path.Combine(Path.GetTempPath(), "site-e2e-media-" + Guid.NewGuid().ToString("N")[..8]);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Site:Database:ConnectionString", _database.ConnectionString);
            web.UseSetting("Site:Storage:LocalPath", media);
            web.UseSetting("Site:Mail:Folder", Path.Combine(media, "mail"));
            web.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, SignedInAsAdmin>(SignedInAsAdmin.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = SignedInAsAdmin.SchemeName);
            });
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    [Fact]
    public async Task TheAdminWatchesAJobGoFromQueuedToDone_AndPausesASchedule()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SystemChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_factory.ClientOptions.BaseAddress + "admin/jobs");
        await page.Locator(".jobs-monitor[data-live=connected]").WaitForAsync();

        long jobId;
        await using (var db = _database.CreateContext())
        {
            jobId = (await JobQueue.EnqueueAsync(db, new JobRequest("reports.build", JobQueues.Default, "{}"))).JobId;
        }

        await Assertions.Expect(page.Locator($"[data-test=job-status-{jobId}]")).ToHaveTextAsync("Pending");

        await using var dataSource = JobsDataSource.Create(_database.ConnectionString);
        var leases = new JobLeases(dataSource);
        var claimed = Assert.Single(await leases.ClaimAsync(JobQueues.Default, 1, "browser-test-host", TimeSpan.FromMinutes(1), CancellationToken.None));
        await Assertions.Expect(page.Locator($"[data-test=running-{jobId}]")).ToBeVisibleAsync();

        await leases.RecordAsync([new JobRunResult(claimed.RunId, JobRunOutcome.Succeeded, JobFollowUp.Remove, TimeSpan.FromMilliseconds(12))], CancellationToken.None);
        await Assertions.Expect(page.Locator($"[data-test=run-outcome-{claimed.RunId}]")).ToContainTextAsync("Succeeded");
        await Assertions.Expect(page.Locator($"[data-test=job-{jobId}]")).ToHaveCountAsync(0);

        await page.Locator("[data-test=pause-performance-audit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=schedule-state-performance-audit]")).ToHaveTextAsync("Paused");
        await using var check = _database.CreateContext();
        Assert.True(await check.JobSchedules.Where(s => s.Name == "performance-audit").Select(s => s.Paused).SingleAsync());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Every request is the site owner: for this test only, until the accounts work brings a real sign-in.</summary>
    private sealed class SignedInAsAdmin(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestAdmin";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "owner"), new Claim(ClaimTypes.Role, AdminAuthorization.Role)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
