using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Site.Data.Accounts;
using Site.Data.Persistence;
using Site.Domain.Hosts;

namespace Site.Data.Admin;

/// <summary>The dashboard's counts.</summary>
public sealed record AdminSummary(int Accounts, int Admins, int JobHostsAlive);

/// <summary>What the admin dashboard shows: counts, and everything the attention sources report.</summary>
public sealed class AdminDashboardQuery(
    IDbContextFactory<SiteDbContext> contexts,
    IEnumerable<IAdminAttentionSource> sources,
    TimeProvider clock,
    ILogger<AdminDashboardQuery> logger)
{
    /// <summary>More recent heartbeats than this are never needed to count live hosts.</summary>
    private const int RecentHostsToCheck = 100;

    public async Task<AdminSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Users.CountAsync(cancellationToken);
        var admins = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.NormalizedName == AccountRoles.Admin.ToUpperInvariant()
            select userRole.UserId).Distinct().CountAsync(cancellationToken);
        return new AdminSummary(accounts, admins, await CountLiveJobHostsAsync(db, clock.GetUtcNow(), cancellationToken));
    }

    /// <summary>Every source's items, most severe first. A source that fails shows up as an item of its own.</summary>
    public async Task<IReadOnlyList<AdminAttentionItem>> GetAttentionAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<AdminAttentionItem>();
        foreach (var source in sources)
        {
            try
            {
                items.AddRange(await source.GetItemsAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Attention source {Source} failed", source.Name);
                items.Add(new AdminAttentionItem($"{source.Name} could not be checked", ex.Message, AttentionLevel.Error));
            }
        }

        return items.OrderByDescending(i => i.Level).ToList();
    }

    internal static async Task<int> CountLiveJobHostsAsync(SiteDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastSeen = await db.JobHosts
            .Where(h => h.StoppedAt == null)
            .OrderByDescending(h => h.LastSeenAt)
            .Select(h => h.LastSeenAt)
            .Take(RecentHostsToCheck)
            .ToListAsync(cancellationToken);
        return lastSeen.Count(seen => JobHostLiveness.IsAlive(seen, now));
    }
}

/// <summary>Warns when no jobs host is alive: mail, photo processing and schedules wait until one runs.</summary>
public sealed class JobHostsAttentionSource(IDbContextFactory<SiteDbContext> contexts, TimeProvider clock) : IAdminAttentionSource
{
    public string Name => "Jobs hosts";

    public async Task<IReadOnlyList<AdminAttentionItem>> GetItemsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AdminDashboardQuery.CountLiveJobHostsAsync(db, clock.GetUtcNow(), cancellationToken) > 0
            ? []
            : [new AdminAttentionItem("No jobs host is running",
                "Background work (mail, photo processing, schedules) waits until a jobs host starts.", AttentionLevel.Error, "/admin/jobs")];
    }
}

/// <summary>Reminds the admin to protect admin accounts with an authenticator.</summary>
public sealed class AdminTwoFactorAttentionSource(UserManager<SiteUser> users) : IAdminAttentionSource
{
    public string Name => "Two-factor authentication";

    public async Task<IReadOnlyList<AdminAttentionItem>> GetItemsAsync(CancellationToken cancellationToken)
    {
        var withoutTwoFactor = (await users.GetUsersInRoleAsync(AccountRoles.Admin))
            .Where(u => !u.TwoFactorEnabled)
            .Select(u => u.Email)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return withoutTwoFactor.Count == 0
            ? []
            : [new AdminAttentionItem("Two-factor authentication is off",
                $"Admin accounts without an authenticator: {string.Join(", ", withoutTwoFactor)}. Set one up under Account → Two-factor authentication.",
                AttentionLevel.Warning, "/account/manage/two-factor")];
    }
}
