using System.Net;
using Microsoft.EntityFrameworkCore;
using Site.Blazor.Accounts;
using Site.Data.Accounts;
using Site.TestSupport;

namespace Site.Blazor.Tests.Accounts;

public class FirstAdmin_AndCommandLine
{
    [Fact]
    public async Task AFreshSiteCreatesAnAdminWithAGeneratedPassword_WritesItOnce_AndItLogsIn()
    {
        var file = Path.Combine(Path.GetTempPath(), $"site-first-admin-{Guid.NewGuid():N}.txt");
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        void Generated(Dictionary<string, string?> s)
        {
            s["Site:Accounts:AdminEmail"] = null;
            s["Site:Accounts:AdminPassword"] = null;
            s["Site:Accounts:InitialAdminFile"] = file;
        }

        string password;
        await using (var site = await AccountsSite.StartAsync(Generated, database: database))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains($"Email:    {AdminAccountProvisioner.DefaultAdminEmail}", text);
            password = text.Split('\n').Single(l => l.StartsWith("Password:", StringComparison.Ordinal))["Password:".Length..].Trim();
            Assert.True(password.Length >= 24);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            using var browser = site.NewBrowser();
            Assert.Equal("/admin", AccountsBrowser.RedirectPath(await browser.LogInAsync(AdminAccountProvisioner.DefaultAdminEmail, password, url: "/account/login?ReturnUrl=%2Fadmin")));
        }

        File.Delete(file);
        await using (var restarted = await AccountsSite.StartAsync(Generated, database: database))
        {
            Assert.False(File.Exists(file), "A second start must not make or print another admin");
            await using var db = database.CreateContext();
            Assert.Equal(1, await db.Users.CountAsync());
            using var browser = restarted.NewBrowser();
            Assert.Equal("/", AccountsBrowser.RedirectPath(await browser.LogInAsync(AdminAccountProvisioner.DefaultAdminEmail, password)));
        }
    }

    [Fact]
    public async Task TheResetCommandGivesANewPassword_UnlocksAndCanTurnOffTwoFactor()
    {
        await using var site = await AccountsSite.StartAsync();
        var reader = await site.CreateReaderAsync("the reader password 1");
        await using (var db = site.Database.CreateContext())
        {
            await db.Users.Where(u => u.Id == reader.Id).ExecuteUpdateAsync(set => set
                .SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1))
                .SetProperty(u => u.TwoFactorEnabled, true));
        }

        var output = new StringWriter();
        var exitCode = await AdminCommandLine.RunAsync(
            ["admin", "reset", "--email", reader.Email!, "--turn-off-2fa", $"--Site:Database:ConnectionString={site.Database.ConnectionString}"],
            output, new StringWriter());

        Assert.Equal(0, exitCode);
        var password = output.ToString().Split('\n').Single(l => l.StartsWith("Password: ", StringComparison.Ordinal))["Password: ".Length..].Trim();
        using var browser = site.NewBrowser();
        Assert.Equal("/admin", AccountsBrowser.RedirectPath(await browser.LogInAsync(reader.Email!, password, url: "/account/login?ReturnUrl=%2Fadmin")));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task TheResetCommandCreatesAMissingAdmin()
    {
        await using var site = await AccountsSite.StartAsync();
        var email = $"second-admin-{Guid.NewGuid():N}@example.test";
        var output = new StringWriter();

        var exitCode = await AdminCommandLine.RunAsync(
            ["admin", "reset", "--email", email, $"--Site:Database:ConnectionString={site.Database.ConnectionString}"], output, new StringWriter());

        Assert.Equal(0, exitCode);
        Assert.Contains($"Admin account ready: {email}", output.ToString());
        await using var db = site.Database.CreateContext();
        Assert.Equal(2, await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == "Admin" select ur).CountAsync());
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin reset")]
    [InlineData("admin reset --email")]
    [InlineData("admin delete --email a@example.test")]
    [InlineData("admin reset --email a@example.test --force")]
    public async Task MalformedCommandsPrintTheUsage_AndDoNothing(string command)
    {
        var error = new StringWriter();

        var exitCode = await AdminCommandLine.RunAsync(command.Split(' '), new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: Site.Blazor admin reset --email ADDRESS", error.ToString());
    }

    [Fact]
    public async Task AnInvalidEmailIsRefusedWithTheReason()
    {
        await using var database = await TestDatabase.CreateAsync();
        var error = new StringWriter();

        var exitCode = await AdminCommandLine.RunAsync(
            ["admin", "reset", "--email", "not an address", $"--Site:Database:ConnectionString={database.ConnectionString}"], new StringWriter(), error);

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot set up the admin account 'not an address'", error.ToString());
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }
}
