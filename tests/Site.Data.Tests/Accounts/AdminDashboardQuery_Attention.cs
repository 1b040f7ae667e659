using Microsoft.Extensions.DependencyInjection;
using Site.Data.Admin;
using Site.TestSupport;

namespace Site.Data.Tests.Accounts;

public class AdminDashboardQuery_Attention
{
    [Fact]
    public async Task EverySourceContributes_MostSevereFirst_AndABrokenSourceBecomesAnItem()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var provider = BuildProvider(database, services => services
            .AddAdminAttentionSource<PendingThings>()
            .AddAdminAttentionSource<BrokenSource>());
        await using var scope = provider.CreateAsyncScope();

        var items = await scope.ServiceProvider.GetRequiredService<AdminDashboardQuery>().GetAttentionAsync();

        Assert.Equal(AttentionLevel.Error, items[0].Level);
        Assert.Contains(items, i => i.Title == "Broken could not be checked" && i.Detail == "the source's server is down");
        Assert.Contains(items, i => i.Title == "No jobs host is running");
        Assert.Contains(items, i => i.Title == "2 things wait" && i.Level == AttentionLevel.Info);
        Assert.Equal(AttentionLevel.Info, items[^1].Level);
    }

    [Fact]
    public async Task TheSummaryCountsAccountsAdminsAndLiveJobHosts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var provider = BuildProvider(database);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Site.Data.Accounts.AdminAccountProvisioner>().EnsureFirstAdminAsync();
        }

        await using (var db = database.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.JobHosts.AddRange(
                new Site.Data.Hosts.JobHost { Id = "a", MachineName = "m", ProcessId = 1, Version = "v", StartedAt = now, LastSeenAt = now },
                new Site.Data.Hosts.JobHost { Id = "b", MachineName = "m", ProcessId = 2, Version = "v", StartedAt = now, LastSeenAt = now.AddMinutes(-5) },
                new Site.Data.Hosts.JobHost { Id = "c", MachineName = "m", ProcessId = 3, Version = "v", StartedAt = now, LastSeenAt = now, StoppedAt = now });
            await db.SaveChangesAsync();
        }

        await using var query = provider.CreateAsyncScope();
        var summary = await query.ServiceProvider.GetRequiredService<AdminDashboardQuery>().GetSummaryAsync();

        Assert.Equal(new AdminSummary(Accounts: 1, Admins: 1, JobHostsAlive: 1), summary);
    }

    /// <summary>The hosts' data services plus the dashboard (and any extra attention sources) in one provider.</summary>
    private static ServiceProvider BuildProvider(TestDatabase database, Action<IServiceCollection>? extra = null)
    {
        IServiceCollection services = new ServiceCollection();
        foreach (var descriptor in AccountsTestHost.Builder(database).Services)
        {
            services.Add(descriptor);
        }

        services.AddAdminDashboard();
        extra?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private sealed class PendingThings : IAdminAttentionSource
    {
        public string Name => "Pending";

        public Task<IReadOnlyList<AdminAttentionItem>> GetItemsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AdminAttentionItem>>([new AdminAttentionItem("2 things wait", "Look at them.", AttentionLevel.Info)]);
    }

    private sealed class BrokenSource : IAdminAttentionSource
    {
        public string Name => "Broken";

        public Task<IReadOnlyList<AdminAttentionItem>> GetItemsAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the source's server is down");
    }
}
