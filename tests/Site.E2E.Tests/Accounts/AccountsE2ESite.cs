using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Site.TestSupport;

namespace Site.E2E.Tests.Accounts;

/// <summary>The real web host on a real port (Kestrel) and a fresh database, with a known admin, for a browser to drive.</summary>
public sealed class AccountsE2ESite : WebApplicationFactory<Program>
{
    public const string AdminPassword = "correct horse battery staple";

    private readonly TestDatabase _database;

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private AccountsE2ESite(TestDatabase database, IReadOnlyDictionary<string, string?>? settings)
    {
        _database = database;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    public string AdminEmail { get; } = $"admin-{Guid.NewGuid():N}@example.test";

    public string BaseAddress { get; private set; } = "";

    public string DatabaseConnectionString => _database.ConnectionString;

    /// <summary>The local media folder, for a jobs host that must read what the site stores.</summary>
    public string MediaPath { get; } = Path.Combine(Path.GetTempPath(), "site-e2e-tests", Guid.NewGuid().ToString("N"));

    /// <param name="settings">Settings to add or change, such as the content folder to sync.</param>
    public static async Task<AccountsE2ESite> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var site = new AccountsE2ESite(await TestDatabase.CreateAsync(migrate: false), settings);
        site.UseKestrel(0);
        site.StartServer();
        site.BaseAddress = site.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return site;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Site:Database:ConnectionString", _database.ConnectionString);
        builder.UseSetting("Site:Storage:LocalPath", MediaPath);
        builder.UseSetting("Site:Mail:Folder", Path.Combine(Path.GetTempPath(), "site-e2e-tests", Guid.NewGuid().ToString("N")));
        builder.UseSetting("Site:Accounts:AdminEmail", AdminEmail);
        builder.UseSetting("Site:Accounts:AdminPassword", AdminPassword);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
