using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Site.Data.Accounts;
using Site.TestSupport;

namespace Site.Blazor.Tests.Accounts;

/// <summary>
/// The real web host on its own fresh database, sending mail to the test SMTP server (smtp4dev), with a known admin.
/// Login limits are raised so that tests of other things do not trip them; the tests of the limits lower them.
/// </summary>
public sealed class AccountsSite : WebApplicationFactory<Program>
{
    public const string AdminPassword = "correct horse battery staple";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private bool _ownsDatabase;
    private HostProcess? _jobsHost;

    private AccountsSite(TestDatabase database, Dictionary<string, string?> settings, string environment)
    {
        Database = database;
        _settings = settings;
        _environment = environment;
    }

    public TestDatabase Database { get; }

    public string AdminEmail => _settings["Site:Accounts:AdminEmail"]!;

    /// <summary>
    /// Starts a site; <paramref name="configure"/> may change or add settings, <paramref name="database"/> share one.
    /// Account mails are queued for the jobs host: <paramref name="deliverMail"/> runs a real one beside the site.
    /// </summary>
    public static async Task<AccountsSite> StartAsync(
        Action<Dictionary<string, string?>>? configure = null,
        string environment = "Development",
        TestDatabase? database = null,
        bool deliverMail = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Site:Mail:Kind"] = "Smtp",
            ["Site:Mail:Smtp:Host"] = "127.0.0.1",
            ["Site:Mail:Smtp:Port"] = TestServices.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Site:Mail:Smtp:Security"] = "None",
            ["Site:Storage:LocalPath"] = Path.Combine(Path.GetTempPath(), "site-accounts-tests", Guid.NewGuid().ToString("N")),
            ["Site:Accounts:AdminEmail"] = $"admin-{Guid.NewGuid():N}@example.test",
            ["Site:Accounts:AdminPassword"] = AdminPassword,
            ["Site:Accounts:AttemptsPerMinutePerAddress"] = "10000",
            ["Site:Accounts:AttemptsPerMinutePerAccount"] = "10000",
        };
        configure?.Invoke(settings);
        var site = new AccountsSite(database ?? await TestDatabase.CreateAsync(migrate: false), settings, environment)
        {
            _ownsDatabase = database is null,
        };
        _ = site.Services; // start now, so a broken start fails here with its own message
        if (deliverMail)
        {
            site._jobsHost = site.StartJobsHost();
        }

        return site;
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects, talks https.</summary>
    public AccountsBrowser NewBrowser(string baseAddress = "https://localhost") =>
        new(CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        }));

    /// <summary>Creates an account straight in the store (no admin role), for tests that need a reader.</summary>
    public async Task<SiteUser> CreateReaderAsync(string password = "reader password 123")
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SiteUser>>();
        var email = $"reader-{Guid.NewGuid():N}@example.test";
        var user = new SiteUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }


    /// <summary>The real jobs host on the same database and mail settings, so queued mail reaches the SMTP server.</summary>
    private HostProcess StartJobsHost()
    {
        var environment = _settings
            .Where(s => s.Key.StartsWith("Site:Mail:", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["Site__Database__ConnectionString"] = Database.ConnectionString;
        environment["Site__Jobs__HeartbeatFile"] = Path.Combine(Path.GetTempPath(), $"site-accounts-jobs-{Guid.NewGuid():N}.heartbeat");
        environment["Logging__Console__FormatterName"] = "simple";
        return HostProcess.Start("Site.Jobs", environment);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Site:Database:ConnectionString", Database.ConnectionString);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_jobsHost is not null)
        {
            await _jobsHost.DisposeAsync();
        }

        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}

/// <summary>One <see cref="AccountsSite"/> with a jobs host delivering its mail, shared by the tests of a class.</summary>
public sealed class AccountsSiteWithMailFixture : IAsyncLifetime
{
    public AccountsSite Site { get; private set; } = null!;

    public async Task InitializeAsync() => Site = await AccountsSite.StartAsync(deliverMail: true);

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>One <see cref="AccountsSite"/> shared by the tests of a class.</summary>
public sealed class AccountsSiteFixture : IAsyncLifetime
{
    public AccountsSite Site { get; private set; } = null!;

    public async Task InitializeAsync() => Site = await AccountsSite.StartAsync();

    public async Task DisposeAsync() => await Site.DisposeAsync();
}
