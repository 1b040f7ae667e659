using Microsoft.Extensions.Logging;
using Npgsql;

namespace Site.Data.Jobs;

/// <summary>The NOTIFY channels the jobs tables' triggers send on (created by the JobsPlatform migration).</summary>
public static class JobChannels
{
    /// <summary>A job became claimable in a queue (payload: the queue name). Workers listen.</summary>
    public const string Wake = "site_jobs_wake";

    /// <summary>Jobs, runs, schedules or hosts changed (payload: the table). The admin monitor listens.</summary>
    public const string Changed = "site_jobs_changed";
}

/// <summary>
/// Holds one dedicated connection that LISTENs on some channels and hands every notification to a callback. When the
/// connection breaks (database restarted, network lost) it reconnects with growing pauses, and reports each
/// (re)connection, since notifications sent meanwhile are lost and the listener must catch up by other means.
/// </summary>
public sealed class PostgresNotificationListener(
    string connectionString,
    IReadOnlyList<string> channels,
    Action<string, string> onNotification,
    Action onConnected,
    ILogger logger)
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    /// <summary>Whether the LISTEN connection is up right now.</summary>
    public bool IsListening { get; private set; }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Pooling is off so a broken connection is never handed back; the keepalive finds a silently dead one.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 10, Timeout = 5 };
        var pause = TimeSpan.FromMilliseconds(250);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => onNotification(e.Channel, e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand(string.Join(";", channels.Select(c => $"LISTEN {c}")), connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                IsListening = true;
                if (failures > 0)
                {
                    logger.LogInformation("Listening for {Channels} again after {Failures} failed attempt(s)", channels, failures);
                }

                failures = 0;
                pause = TimeSpan.FromMilliseconds(250);
                onConnected();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                IsListening = false;
                failures++;
                if (failures == 1)
                {
                    logger.LogWarning(ex, "Lost the LISTEN connection for {Channels}; reconnecting (polling covers the gap)", channels);
                }

                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }
}
