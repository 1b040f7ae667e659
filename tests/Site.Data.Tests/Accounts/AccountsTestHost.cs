using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Site.Data.Accounts;
using Site.Data.Hosting;
using Site.TestSupport;

namespace Site.Data.Tests.Accounts;

/// <summary>The data services with accounts, as the hosts build them, on a test database and the test SMTP server.</summary>
internal static class AccountsTestHost
{
    public static IHost Build(TestDatabase database, Dictionary<string, string?>? settings = null) =>
        Builder(database, settings).Build();

    public static HostApplicationBuilder Builder(TestDatabase database, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Database:ConnectionString"] = database.ConnectionString,
            ["Site:Mail:Kind"] = "Smtp",
            ["Site:Mail:Smtp:Host"] = "127.0.0.1",
            ["Site:Mail:Smtp:Port"] = TestServices.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Site:Mail:Smtp:Security"] = "None",
            ["Site:Storage:LocalPath"] = Path.Combine(Path.GetTempPath(), "site-data-tests", Guid.NewGuid().ToString("N")),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddSiteDefaults("site-data-tests");
        builder.Services.AddSiteAccounts();
        return builder;
    }
}
