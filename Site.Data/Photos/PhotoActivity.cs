using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Jobs;

namespace Site.Data.Photos;

/// <summary>The NOTIFY channel the photos table's trigger sends on (created by the PhotoNotifications migration).</summary>
public static class PhotoChannels
{
    /// <summary>A photo was added, removed, or changed status or failure reason (payload: the photo's id).</summary>
    public const string Changed = "site_photos_changed";
}

/// <summary>
/// In-process news that a photo changed, in this or any other process (the jobs host processing it). Screens
/// subscribe to <see cref="Changed"/> to update live and unsubscribe when they close.
/// </summary>
public sealed class PhotoActivity
{
    /// <summary>The photo that changed; null when any photo may have changed (the listener reconnected and missed news).</summary>
    public event Action<Guid?>? Changed;

    public void Raise(Guid? photoId) => Changed?.Invoke(photoId);
}

/// <summary>Turns the photos table's NOTIFY into <see cref="PhotoActivity.Changed"/> events, reconnecting when the database restarts.</summary>
public sealed class PhotoActivityListener(IOptions<DatabaseOptions> database, PhotoActivity activity, ILogger<PhotoActivityListener> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new PostgresNotificationListener(
            database.Value.ConnectionString,
            [PhotoChannels.Changed],
            (_, payload) => activity.Raise(Guid.TryParse(payload, out var id) ? id : null),
            // Changes made while disconnected sent no notification: tell the screens to look again.
            () => activity.Raise(null),
            logger).RunAsync(stoppingToken);
}
