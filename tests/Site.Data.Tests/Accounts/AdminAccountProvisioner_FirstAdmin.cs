using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Site.Data.Accounts;
using Site.TestSupport;

namespace Site.Data.Tests.Accounts;

public class AdminAccountProvisioner_FirstAdmin
{
    [Fact]
    public async Task HostsStartingTogetherCreateExactlyOneAdmin()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var host = AccountsTestHost.Build(database);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AdminAccountProvisioner>().EnsureFirstAdminAsync();
        }));

        Assert.Single(results, r => r is not null);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.UserRoles.CountAsync());
    }

    [Fact]
    public async Task ConfiguredCredentialsAreUsed_AndNoPasswordIsReported()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var host = AccountsTestHost.Build(database, new()
        {
            ["Site:Accounts:AdminEmail"] = "owner@example.test",
            ["Site:Accounts:AdminPassword"] = "the configured password",
        });
        await using var scope = host.Services.CreateAsyncScope();

        var created = await scope.ServiceProvider.GetRequiredService<AdminAccountProvisioner>().EnsureFirstAdminAsync();

        Assert.Equal(new AdminCredentials("owner@example.test", null), created);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SiteUser>>();
        var owner = await users.FindByEmailAsync("owner@example.test");
        Assert.True(await users.CheckPasswordAsync(owner!, "the configured password"));
        Assert.True(await users.IsInRoleAsync(owner!, AccountRoles.Admin));
    }

    [Fact]
    public async Task AnExistingAccountWithTheAdminEmailIsPromoted_NotDuplicated()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var host = AccountsTestHost.Build(database, new() { ["Site:Accounts:AdminEmail"] = "owner@example.test" });
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SiteUser>>();
        await users.CreateAsync(new SiteUser { UserName = "owner@example.test", Email = "owner@example.test" }, "an old password 1");

        var created = await scope.ServiceProvider.GetRequiredService<AdminAccountProvisioner>().EnsureFirstAdminAsync();

        var owner = await users.FindByEmailAsync("owner@example.test");
        Assert.True(await users.CheckPasswordAsync(owner!, created!.GeneratedPassword!));
        Assert.True(await users.IsInRoleAsync(owner!, AccountRoles.Admin));
        Assert.Equal(1, await users.Users.CountAsync());
    }
}
