using System.Net;
using System.Text.Json;

namespace Site.Blazor.Tests.Health;

/// <summary>The body of <c>/health/</c> as a monitoring system reads it, checked for the documented shape on the way in.</summary>
public sealed record HealthReport(HttpStatusCode HttpStatus, string Status, string Version, IReadOnlyDictionary<string, HealthCheckEntry> Checks, string Json)
{
    public static readonly string[] CheckNames = ["database", "cache", "storage", "jobs"];

    public static async Task<HealthReport> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/");
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"/health/ is not JSON: {json}");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var checks = new Dictionary<string, HealthCheckEntry>();
        foreach (var check in root.GetProperty("checks").EnumerateObject())
        {
            checks[check.Name] = new HealthCheckEntry(
                check.Value.GetProperty("status").GetString()!,
                check.Value.GetProperty("latencyMs").GetDouble(),
                check.Value.GetProperty("description").GetString());
        }

        var report = new HealthReport(response.StatusCode, root.GetProperty("status").GetString()!, root.GetProperty("version").GetString()!, checks, json);
        Assert.True(CheckNames.Order().SequenceEqual(checks.Keys.Order()), $"/health/ must report exactly {string.Join(", ", CheckNames)}: {json}");
        Assert.All(checks.Values, c => Assert.True(c.LatencyMs >= 0, $"a negative latency in {json}"));
        return report;
    }
}

public sealed record HealthCheckEntry(string Status, double LatencyMs, string? Description);
