using Microsoft.Extensions.Diagnostics.HealthChecks;
using Site.Data.Storage;

namespace Site.Data.Health;

/// <summary>A small private object can be written to media storage and read back.</summary>
internal sealed class StorageHealthCheck(IObjectStorage storage) : IHealthCheck
{
    private const string ProbeKey = "health/probe.txt";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var payload = Guid.NewGuid().ToString("N");
        try
        {
            await storage.PutAsync(ProbeKey, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(payload)), "text/plain", ObjectVisibility.Private, cancellationToken);
            await using var read = await storage.GetAsync(ProbeKey, cancellationToken);
            if (read is null)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Media storage lost an object it had just stored");
            }

            using var reader = new StreamReader(read.Content);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return text == payload
                ? HealthCheckResult.Healthy($"{storage.GetType().Name} write and read work")
                : new HealthCheckResult(context.Registration.FailureStatus, "Media storage returned different bytes than were written");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Media storage is unavailable: " + ex.Message);
        }
    }
}
