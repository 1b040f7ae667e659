namespace Site.Domain.Storage;

/// <summary>The rule for object keys in media storage, shared by every storage adapter.</summary>
public static class ObjectKey
{
    public const int MaxLength = 512;

    /// <summary>
    /// Null when <paramref name="key"/> is acceptable, otherwise why not. Keys are relative, slash-separated paths of
    /// letters, digits, '-', '_', '.' segments; no empty, '.' or '..' segment, so a key can never leave the store's root.
    /// </summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "An object key must not be empty.";
        }

        if (key.Length > MaxLength)
        {
            return $"An object key must be at most {MaxLength} characters long.";
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                return $"The object key '{key}' has an empty, '.' or '..' path segment.";
            }

            if (!segment.All(IsAllowed))
            {
                return $"The object key '{key}' may only contain letters, digits, '-', '_', '.' and '/'.";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the reason when <paramref name="key"/> is not acceptable.</summary>
    public static string Validate(string? key) =>
        Problem(key) is { } problem ? throw new ArgumentException(problem, nameof(key)) : key!;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
