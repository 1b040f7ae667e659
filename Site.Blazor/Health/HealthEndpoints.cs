using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Site.Data.Hosting;
using Site.Domain.Health;

namespace Site.Blazor.Health;

/// <summary>
/// <c>/health/</c>: every check with its latency, 503 only when the database is down (the site cannot serve);
/// <c>/health/live</c>: the process answers, nothing else is touched.
/// </summary>
public static class HealthEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static IEndpointRouteBuilder MapSiteHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReportAsync,
        }).DisableHttpMetrics();
        // Routing ignores a trailing slash, so "/health" already reaches the report above; a redirect from "/health"
        // to "/health/" would match "/health/" itself and send every monitor round in a loop.
        endpoints.MapGet("/health/live", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text("alive", "text/plain");
        }).DisableHttpMetrics();
        return endpoints;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        var passed = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy);
        var body = new
        {
            status = SiteHealthChecks.Overall(passed).ToString().ToLowerInvariant(),
            version = SiteHostDefaults.Version,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status == HealthStatus.Healthy ? "healthy" : e.Key == SiteHealthChecks.Database ? "unhealthy" : "degraded",
                    latencyMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    description = e.Value.Description,
                }),
        };
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
