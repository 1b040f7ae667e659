using System.Net;
using Microsoft.EntityFrameworkCore;
using Site.Data.Hosting;
using Site.TestSupport;
using StackExchange.Redis;

namespace Site.Blazor.Tests.Accounts;

/// <summary>
/// Security baseline: Data Protection keys are persisted, so a login cookie issued by one instance is accepted by
/// another (a restart, or a second instance behind a proxy).
/// </summary>
public class DataProtection_SharedKeys
{
    [Fact]
    public async Task ACookieFromOneInstanceWorksOnAnother_WithKeysInPostgreSql()
    {
        await using var database = await TestDatabase.CreateAsync();
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.test";
        await using var first = await AccountsSite.StartAsync(s => s["Site:Accounts:AdminEmail"] = adminEmail, database: database);
        await using var second = await AccountsSite.StartAsync(s => s["Site:Accounts:AdminEmail"] = adminEmail, database: database);

        var cookie = await LogInAsync(first, adminEmail);

        Assert.Equal(HttpStatusCode.OK, await AdminStatusWithCookieAsync(second, cookie));
        await using var db = database.CreateContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }

    [Fact]
    public async Task ACookieFromOneInstanceWorksOnAnother_WithKeysInRedis()
    {
        await using var database = await TestDatabase.CreateAsync();
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.test";
        void UseRedis(Dictionary<string, string?> s)
        {
            s["Site:Accounts:AdminEmail"] = adminEmail;
            s["Site:Cache:Kind"] = "Redis";
            s["Site:Cache:Redis"] = TestServices.Redis;
        }

        await using var first = await AccountsSite.StartAsync(UseRedis, database: database);
        await using var second = await AccountsSite.StartAsync(UseRedis, database: database);

        var cookie = await LogInAsync(first, adminEmail);

        Assert.Equal(HttpStatusCode.OK, await AdminStatusWithCookieAsync(second, cookie));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        Assert.True(await redis.GetDatabase().ListLengthAsync(SiteDataProtection.RedisKey) > 0);
        await using var db = database.CreateContext();
        Assert.False(await db.DataProtectionKeys.AnyAsync(), "With Redis configured, keys must not go to PostgreSQL");
    }

    private static async Task<string> LogInAsync(AccountsSite site, string email)
    {
        using var browser = site.NewBrowser();
        var login = await browser.LogInAsync(email, AccountsSite.AdminPassword);
        Assert.Equal("/", AccountsBrowser.RedirectPath(login));
        return Login_Flows.AuthCookie(login).Split(';')[0];
    }

    private static async Task<HttpStatusCode> AdminStatusWithCookieAsync(AccountsSite site, string cookie)
    {
        using var browser = site.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        using var response = await browser.Client.SendAsync(request);
        return response.StatusCode;
    }
}
