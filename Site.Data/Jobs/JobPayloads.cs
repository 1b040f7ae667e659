using System.Text.Json;

namespace Site.Data.Jobs;

/// <summary>How job arguments become JSON and back: one set of serializer settings for every job type.</summary>
public static class JobPayloads
{
    public const int MaxLength = 1_000_000;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T payload) => JsonSerializer.Serialize(payload, Options);

    /// <summary>Reads <paramref name="json"/> as <paramref name="type"/>; throws <see cref="JsonException"/> when it cannot.</summary>
    public static object Deserialize(string json, Type type) =>
        JsonSerializer.Deserialize(json, type, Options) ?? throw new JsonException($"The arguments are JSON null, not a {type.Name}.");

    /// <summary>Null when <paramref name="json"/> is a JSON object of acceptable size, otherwise why not.</summary>
    public static string? JsonProblem(string? json)
    {
        if (string.IsNullOrEmpty(json) || json.Length > MaxLength)
        {
            return $"Job arguments must be a JSON object of at most {MaxLength} characters.";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : "Job arguments must be a JSON object, like {}.";
        }
        catch (JsonException ex)
        {
            return "Job arguments are not valid JSON: " + ex.Message;
        }
    }
}
