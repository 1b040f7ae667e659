using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Site.Blazor.Components.Pages.Admin.Search;
using Site.Blazor.Tests.Admin.Jobs;
using Site.Data.Jobs;
using Site.Data.Search;

namespace Site.Blazor.Tests.Admin.Search;

/// <summary>The admin's search index page on a real database: counts per kind, "rebuild now", and its queued state live.</summary>
public sealed class SearchIndexPage_Rebuild : IAsyncLifetime
{
    private readonly JobsMonitorContext _context = new();

    public Task InitializeAsync() => _context.InitializeAsync();

    public Task DisposeAsync() => _context.DisposeAsync();

    [Fact]
    public async Task RebuildNow_QueuesOneRebuild_ShowsItAsQueued_AndCannotBePressedTwice()
    {
        var page = _context.Bunit.Render<SearchIndexPage>();
        // The first render comes before the counts are read; the assertions wait for the page to settle.
        page.WaitForAssertion(() =>
        {
            Assert.Equal("connected", page.Find(".search-index").GetAttribute("data-live"));
            Assert.Equal("idle", page.Find(".search-index").GetAttribute("data-rebuild"));
            Assert.NotNull(page.Find("[data-test=no-runs]"));
            Assert.Equal(["Posts", "0", "0", "—"], page.FindAll("[data-test=count-post] td").Select(td => td.TextContent.Trim()));
        });

        await page.Find("[data-test=rebuild]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Rebuild queued", page.Find("[data-test=message]").TextContent);
            Assert.Equal("pending", page.Find(".search-index").GetAttribute("data-rebuild"));
            Assert.NotNull(page.Find("[data-test=progress]"));
            Assert.True(page.Find("[data-test=rebuild]").HasAttribute("disabled"));
        });
        await using var db = _context.CreateContext();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Type == RebuildSearchIndex.Definition.Type && j.Status == JobStatus.Pending));
    }

    [Fact]
    public async Task ASecondRequest_WhileOneIsQueued_ChangesNothing()
    {
        var status = _context.Bunit.Services.GetRequiredService<SearchIndexStatus>();

        var first = await status.RequestRebuildAsync();
        var second = await status.RequestRebuildAsync();

        Assert.Equal(JobEnqueueOutcome.Enqueued, first.Outcome);
        Assert.Equal((JobEnqueueOutcome.AlreadyQueued, first.JobId), (second.Outcome, second.JobId));
        Assert.Equal(first.JobId, (await status.RebuildStateAsync()).ActiveJobId);
    }
}
