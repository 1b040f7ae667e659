using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Site.Blazor.Health;

/// <summary>
/// The latest health report, shared by every reader's status display and refreshed at most every
/// <see cref="MaxAge"/>: a busy home page must not turn into a database query and a storage write per visitor.
/// </summary>
public sealed class HealthSnapshot(HealthCheckService health, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (HealthReport Report, DateTimeOffset TakenAt)? _latest;

    public async Task<(HealthReport Report, DateTimeOffset TakenAt)> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_latest is { } fresh && clock.GetUtcNow() - fresh.TakenAt < MaxAge)
        {
            return fresh;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_latest is { } again && clock.GetUtcNow() - again.TakenAt < MaxAge)
            {
                return again;
            }

            var report = await health.CheckHealthAsync(cancellationToken);
            _latest = (report, clock.GetUtcNow());
            return _latest.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
