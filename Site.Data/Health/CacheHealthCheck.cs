using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Site.Data.Caching;

namespace Site.Data.Health;

/// <summary>A value written to the shared cache reads back the same.</summary>
internal sealed class CacheHealthCheck(IDistributedCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The fail-soft wrapper would hide an outage; the check must see it.
        var raw = cache is FailSoftDistributedCache failSoft ? failSoft.Inner : cache;
        var key = "health:" + Guid.NewGuid().ToString("N");
        var value = Guid.NewGuid().ToByteArray();
        try
        {
            await raw.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30) }, cancellationToken);
            var read = await raw.GetAsync(key, cancellationToken);
            await raw.RemoveAsync(key, cancellationToken);
            return read is not null && read.AsSpan().SequenceEqual(value)
                ? HealthCheckResult.Healthy($"{Describe(raw)} round trip works")
                : new HealthCheckResult(context.Registration.FailureStatus, $"{Describe(raw)} returned a different value than was written");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{Describe(raw)} is unavailable: {FirstLine(ex.Message)}");
        }
    }

    /// <summary>Redis errors carry a long diagnostic dump; the first sentence is what an operator needs.</summary>
    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0];
        var end = line.IndexOf(". ", StringComparison.Ordinal);
        line = end > 0 ? line[..(end + 1)] : line;
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    private static string Describe(IDistributedCache cache) =>
        cache.GetType().Name.Contains("Redis", StringComparison.Ordinal) ? "Redis cache" : "Memory cache";
}
