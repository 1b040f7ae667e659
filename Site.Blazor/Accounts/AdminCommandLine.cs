using Microsoft.Extensions.Options;
using Site.Data.Accounts;
using Site.Data.Configuration;
using Site.Data.Hosting;
using Site.Data.Persistence;

namespace Site.Blazor.Accounts;

/// <summary>
/// <c>Site.Blazor admin reset --email ADDRESS [--turn-off-2fa]</c>: gives the account admin rights and a new generated
/// password (creating it when missing), unlocks it and, when asked, removes its authenticator. It reads the same
/// settings as the web host (appsettings, environment, <c>--Site:Database:ConnectionString=...</c>) and starts no server.
/// </summary>
public static class AdminCommandLine
{
    public const string Usage =
        "Usage: Site.Blazor admin reset --email ADDRESS [--turn-off-2fa] [--Setting:Path=value ...]\n" +
        "  Creates the account if needed, makes it an admin, sets a new generated password and prints it once.\n" +
        "  --turn-off-2fa also removes the account's authenticator (for a lost phone).";

    public static bool IsAdminCommand(string[] args) => args is ["admin", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args) is not { } command)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = command.SettingArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.AddSiteDefaults("site-admin-command");
        builder.Services.AddSiteAccounts();
        using var host = builder.Build();
        try
        {
            if (host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ApplyMigrations)
            {
                await SiteDatabase.MigrateAsync(host.Services);
            }

            await using var scope = host.Services.CreateAsyncScope();
            var admin = await scope.ServiceProvider.GetRequiredService<AdminAccountProvisioner>()
                .ResetAdminAsync(command.Email, command.TurnOffTwoFactor);
            await output.WriteLineAsync($"Admin account ready: {admin.Email}");
            await output.WriteLineAsync($"Password: {admin.GeneratedPassword}");
            await output.WriteLineAsync("It is shown only this once: log in and change it under Account.");
            if (command.TurnOffTwoFactor)
            {
                await output.WriteLineAsync("Two-factor authentication is off for this account; set it up again under Account.");
            }

            return 0;
        }
        catch (Exception ex) when (ex is AccountProvisioningException || SiteHostRunner.DescribeStartupFailure(ex) is not null)
        {
            await error.WriteLineAsync(ex is AccountProvisioningException ? ex.Message : SiteHostRunner.DescribeStartupFailure(ex));
            return 1;
        }
    }

    private sealed record Command(string Email, bool TurnOffTwoFactor, string[] SettingArgs);

    private static Command? Parse(string[] args)
    {
        if (args is not ["admin", "reset", .. var rest])
        {
            return null;
        }

        string? email = null;
        var turnOffTwoFactor = false;
        var settings = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--email" when i + 1 < rest.Length:
                    email = rest[++i];
                    break;
                case "--turn-off-2fa":
                    turnOffTwoFactor = true;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':'):
                    settings.Add(setting);
                    break;
                default:
                    return null;
            }
        }

        return string.IsNullOrWhiteSpace(email) ? null : new Command(email, turnOffTwoFactor, [.. settings]);
    }
}
