using Site.Data.Hosts;

namespace Site.Blazor.Tests.Accounts;

public class AdminDashboard_Page(AccountsSiteFixture fixture) : IClassFixture<AccountsSiteFixture>
{
    private AccountsSite Site => fixture.Site;

    [Fact]
    public async Task TheDashboardCountsAccountsAndLiveJobHosts_AndListsWhatNeedsAttention()
    {
        await Site.CreateReaderAsync();
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword);

        var before = await browser.GetPageAsync("/admin");
        Assert.Equal("0", before.QuerySelector("[data-count=job-hosts]")!.TextContent.Trim());
        Assert.Contains(before.QuerySelectorAll(".attention-item"), a => a.TextContent.Contains("No jobs host is running"));
        Assert.Contains(before.QuerySelectorAll(".attention-item"), a => a.TextContent.Contains("Two-factor authentication is off"));

        await using (var db = Site.Database.CreateContext())
        {
            db.JobHosts.Add(new JobHost { Id = "test:1:1", MachineName = "test", ProcessId = 1, Version = "test", StartedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow });
            db.JobHosts.Add(new JobHost { Id = "test:2:1", MachineName = "test", ProcessId = 2, Version = "test", StartedAt = DateTimeOffset.UtcNow.AddHours(-1), LastSeenAt = DateTimeOffset.UtcNow.AddMinutes(-10) });
            await db.SaveChangesAsync();
        }

        var after = await browser.GetPageAsync("/admin");
        Assert.Equal("1", after.QuerySelector("[data-count=job-hosts]")!.TextContent.Trim());
        Assert.True(int.Parse(after.QuerySelector("[data-count=accounts]")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.DoesNotContain(after.QuerySelectorAll(".attention-item"), a => a.TextContent.Contains("No jobs host is running"));
    }

    [Fact]
    public async Task TheShellNavigatesToEveryAreaOrMarksItComing_AndIsInteractive()
    {
        using var browser = Site.NewBrowser();
        await browser.LogInAsync(Site.AdminEmail, AccountsSite.AdminPassword);

        var page = await browser.GetPageAsync("/admin");

        var nav = page.QuerySelector(".admin-nav")!;
        Assert.NotNull(nav.QuerySelector("a[href='/admin/jobs']"));
        Assert.NotNull(nav.QuerySelector("a[href='/admin/photos']"));
        Assert.NotNull(nav.QuerySelector("a[href='/admin/comments']"));
        Assert.NotNull(nav.QuerySelector("a[href='/admin/albums']"));
        foreach (var coming in new[] { "Posts", "Analytics", "Audits", "Market data", "Settings" })
        {
            var item = nav.QuerySelectorAll(".admin-nav-coming").SingleOrDefault(e => e.TextContent.Contains(coming));
            Assert.True(item is not null, $"{coming} is not marked as coming");
            Assert.Empty(item.QuerySelectorAll("a[href]"));
        }

        Assert.Contains("<!--Blazor:{\"type\":\"server\"", page.Body!.InnerHtml);
        Assert.NotNull(page.QuerySelector("form[action='/account/logout'] input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task ReaderAndAccountPagesStayStatic()
    {
        using var browser = Site.NewBrowser();
        var login = await browser.Client.GetStringAsync("/account/login");

        Assert.DoesNotContain("\"type\":\"server\"", login);
    }
}
