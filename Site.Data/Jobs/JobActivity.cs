using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;

namespace Site.Data.Jobs;

/// <summary>
/// In-process news that something in the jobs tables changed, in this or any other process. Screens subscribe to
/// <see cref="Changed"/> to refresh live and unsubscribe when they close.
/// </summary>
public sealed class JobActivity
{
    public event Action? Changed;

    public void Raise() => Changed?.Invoke();
}

/// <summary>Turns the jobs tables' NOTIFY into <see cref="JobActivity.Changed"/> events, reconnecting when the database restarts.</summary>
public sealed class JobActivityListener(IOptions<DatabaseOptions> database, JobActivity activity, ILogger<JobActivityListener> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new PostgresNotificationListener(
            database.Value.ConnectionString,
            [JobChannels.Changed],
            (_, _) => activity.Raise(),
            // Changes made while disconnected sent no notification: tell the screens to look again.
            activity.Raise,
            logger).RunAsync(stoppingToken);
}
