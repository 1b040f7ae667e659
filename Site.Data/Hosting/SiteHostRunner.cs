using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Persistence;

namespace Site.Data.Hosting;

/// <summary>Starts a host the same way for both processes: check settings, migrate, run; explain failures plainly.</summary>
public static class SiteHostRunner
{
    /// <summary>Exit code for a host that refused to start (bad settings, unreachable database, failed migration).</summary>
    public const int StartupFailedExitCode = 3;

    /// <summary>
    /// Checks every setting at once, right after the host is built and before anything (middleware, hosted services,
    /// the data protection key ring) reads one: the exit code to return when a setting is bad, else null. The operator
    /// hears of all bad settings in one message, and no half-configured host is left running.
    /// </summary>
    public static int? RefuseBadSettings(IHost host, string hostName)
    {
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception ex) when (DescribeStartupFailure(ex) is { } reason)
        {
            Refuse(host, hostName, reason);
            return StartupFailedExitCode;
        }
    }

    /// <summary>Migrates (unless turned off) and runs the host; a database that cannot be reached or migrated stops it with a message.</summary>
    public static async Task<int> RunAsync(IHost host, string hostName)
    {
        try
        {
            if (host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ApplyMigrations)
            {
                await SiteDatabase.MigrateAsync(host.Services);
            }

            await host.RunAsync();
            return 0;
        }
        catch (Exception ex) when (DescribeStartupFailure(ex) is { } reason)
        {
            Refuse(host, hostName, reason);
            return StartupFailedExitCode;
        }
    }

    private static void Refuse(IHost host, string hostName, string reason)
    {
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(hostName).LogCritical("{Host} cannot start: {Reason}", hostName, reason);
        Console.Error.WriteLine($"{hostName} cannot start: {reason}");
    }

    /// <summary>A sentence for the operator when <paramref name="ex"/> is a known start-up failure, else null.</summary>
    public static string? DescribeStartupFailure(Exception ex) => ex switch
    {
        // Several settings sections failed their checks together.
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException)
            => "invalid settings: " + string.Join(" ", inner.SelectMany(e => ((OptionsValidationException)e).Failures)),
        OptionsValidationException validation => "invalid settings: " + string.Join(" ", validation.Failures),
        DatabaseMigrationException migration => migration.Message,
        // The configuration binder names the setting ("... at 'Site:Storage:Kind' to type ...").
        InvalidOperationException { Message: var message } when message.Contains("configuration value", StringComparison.OrdinalIgnoreCase)
            => "invalid settings: " + message,
        _ => null,
    };
}
