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

    public static async Task<int> RunAsync(IHost host, string hostName)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(hostName);
        try
        {
            // Every setting is checked before anything uses one, so the operator hears of all bad settings at once
            // rather than one per attempt, and before the database is touched.
            host.Services.GetService<IStartupValidator>()?.Validate();
            if (host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ApplyMigrations)
            {
                await SiteDatabase.MigrateAsync(host.Services);
            }

            await host.RunAsync();
            return 0;
        }
        catch (Exception ex) when (DescribeStartupFailure(ex) is { } reason)
        {
            logger.LogCritical("{Host} cannot start: {Reason}", hostName, reason);
            await Console.Error.WriteLineAsync($"{hostName} cannot start: {reason}");
            return StartupFailedExitCode;
        }
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
