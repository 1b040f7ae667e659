using System.Globalization;
using System.Text;

namespace Site.Domain.Photos;

/// <summary>
/// Makes an uploaded file's name safe to keep, show and offer as a download name: only the last path segment, no
/// control or bidirectional-override characters, no characters that file systems refuse, at most
/// <see cref="MaxLength"/> characters with the extension kept.
/// </summary>
public static class PhotoFileName
{
    public const int MaxLength = 200;

    /// <summary>The name used when nothing of the given one survives.</summary>
    public const string Fallback = "photo";

    private const int MaxExtensionLength = 16;

    public static string Sanitize(string? fileName)
    {
        var text = (fileName ?? "").Normalize(NormalizationForm.FormC);
        var lastSeparator = text.LastIndexOfAny(['/', '\\']);
        text = text[(lastSeparator + 1)..];

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            builder.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        // Leading dots would make a hidden file (or "..") on download; trailing dots and spaces are dropped by Windows.
        var cleaned = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (cleaned.Length == 0)
        {
            return Fallback;
        }

        return Shorten(cleaned);
    }

    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= MaxExtensionLength ? name[dot..] : "";
        var stem = name[..(name.Length - extension.Length)];
        var keep = MaxLength - extension.Length;
        // Never cut a surrogate pair in half.
        if (char.IsHighSurrogate(stem[keep - 1]))
        {
            keep--;
        }

        return stem[..keep].TrimEnd('.', ' ') + extension;
    }
}
