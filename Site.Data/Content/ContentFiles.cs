using System.Text;
using System.Xml;

namespace Site.Data.Content;

/// <summary>
/// Reads files of the content folder defensively: a size limit, strict UTF-8, no binary data, and image sizes read
/// without trusting the file (no DTDs, no external entities). Each refusal is a sentence for the author.
/// </summary>
public static class ContentFiles
{
    /// <summary>Far above any real post (a long post is ~50 KB), low enough that a stray huge file costs nothing.</summary>
    public const int MaxTextBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text with line ends as '\n', or why it cannot be used.</summary>
    public static (string? Text, string? Problem) ReadText(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (info.Length > MaxTextBytes)
        {
            return (null, $"the file is {info.Length / 1024} KiB; content files may be at most {MaxTextBytes / 1024} KiB.");
        }

        var bytes = File.ReadAllBytes(fullPath);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, "the file is not UTF-8 text (is it a binary file?).");
        }

        if (text.Contains('\0'))
        {
            return (null, "the file contains NUL characters (is it a binary file?).");
        }

        return (text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n'), null);
    }

    /// <summary>Pixel width and height of an SVG or PNG, or null when they cannot be known.</summary>
    public static (int Width, int Height)? ImageSize(string fullPath)
    {
        try
        {
            return Path.GetExtension(fullPath).ToLowerInvariant() switch
            {
                ".png" => PngSize(fullPath),
                ".svg" => SvgSize(fullPath),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is IOException or XmlException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (int, int)? PngSize(string fullPath)
    {
        Span<byte> header = stackalloc byte[24];
        using var stream = File.OpenRead(fullPath);
        if (stream.Read(header) < 24 || header[0] != 0x89 || header[1] != (byte)'P')
        {
            return null;
        }

        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header[16..]), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header[20..]));
    }

    private static (int, int)? SvgSize(string fullPath)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxTextBytes };
        using var reader = XmlReader.Create(fullPath, settings);
        if (!reader.ReadToFollowing("svg", "http://www.w3.org/2000/svg"))
        {
            return null;
        }

        if (Pixels(reader.GetAttribute("width")) is { } width && Pixels(reader.GetAttribute("height")) is { } height)
        {
            return (width, height);
        }

        var viewBox = reader.GetAttribute("viewBox")?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return viewBox is { Length: 4 } && Pixels(viewBox[2]) is { } w && Pixels(viewBox[3]) is { } h ? (w, h) : null;
    }

    private static int? Pixels(string? value)
    {
        var text = value?.Trim();
        if (text is null)
        {
            return null;
        }

        if (text.EndsWith("px", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and < 100_000
            ? (int)Math.Round(number)
            : null;
    }
}
