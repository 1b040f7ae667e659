using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Site.Blazor.Tests;

/// <summary>
/// The real web host (<c>Program</c>) on a real PostgreSQL database, with its media in a private temporary folder.
/// Settings go in through configuration exactly as an operator's would, so they are bound and validated at start.
/// </summary>
public sealed class SiteWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    /// <param name="connectionString">Site:Database:ConnectionString.</param>
    /// <param name="settings">Further settings, which win over the defaults below (a null value removes a default).</param>
    public SiteWebFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        DataFolder = Directory.CreateTempSubdirectory("site-web-test-").FullName;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Site:Database:ConnectionString"] = connectionString,
            ["Site:Storage:LocalPath"] = Path.Combine(DataFolder, "media"),
            ["Site:Mail:Folder"] = Path.Combine(DataFolder, "mail"),
            // Tests read responses, not logs; JSON logs of every request would only slow a 2-core machine down.
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>A folder of this factory's own, removed when it is disposed.</summary>
    public string DataFolder { get; }

    public string MediaFolder => _settings["Site:Storage:LocalPath"]!;

    /// <summary>
    /// Serves the site on a real Kestrel socket (a free loopback port) instead of the in-memory test server, for
    /// clients that must talk real HTTP: a browser, or raw request paths that only Kestrel decodes as production does.
    /// </summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the stopping host: the folder is in /tmp, which the machine cleans.
        }
    }
}
