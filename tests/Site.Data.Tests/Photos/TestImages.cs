using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using ImageMagick;
using ImageMagick.Drawing;

namespace Site.Data.Tests.Photos;

/// <summary>Makes the test photos: drawn with ImageMagick, tagged with exiftool, odd files written byte by byte.</summary>
internal static class TestImages
{
    /// <summary>A grey-green field with a red disc centred at (<paramref name="subjectX"/>, <paramref name="subjectY"/>) as fractions.</summary>
    public static MagickImage Scene(int width, int height, double subjectX = 0.25, double subjectY = 0.3, bool stripes = false)
    {
        var image = new MagickImage(new MagickColor("#6f7f6a"), (uint)width, (uint)height);
        var drawables = new Drawables();
        if (stripes)
        {
            for (var x = 0; x < width; x += width / 8)
            {
                drawables.FillColor(new MagickColor("#203040")).Rectangle(x, 0, x + width / 16.0, height);
            }
        }

        var radius = Math.Min(width, height) / 10.0;
        drawables.FillColor(new MagickColor("#e02020"))
            .Circle(subjectX * width, subjectY * height, subjectX * width + radius, subjectY * height)
            .Draw(image);
        return image;
    }

    public static byte[] Jpeg(int width, int height, double subjectX = 0.25, double subjectY = 0.3, bool stripes = false)
    {
        using var image = Scene(width, height, subjectX, subjectY, stripes);
        image.Quality = 90;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>Writes <paramref name="bytes"/> to a file, applies exiftool arguments (tag=value), and returns the new bytes.</summary>
    public static byte[] WithExif(byte[] bytes, string extension, params string[] assignments)
    {
        var path = TempFile(extension);
        try
        {
            File.WriteAllBytes(path, bytes);
            Exiftool(["-overwrite_original", "-q", .. assignments.Select(a => "-" + a), path]);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What exiftool reads from the bytes, numbers as numbers (<c>exiftool -j -n</c>).</summary>
    public static JsonElement ExiftoolRead(byte[] bytes, string extension)
    {
        var path = TempFile(extension);
        try
        {
            File.WriteAllBytes(path, bytes);
            return JsonDocument.Parse(Exiftool(["-j", "-n", path])).RootElement[0].Clone();
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static byte[] PngWithTransparency(int width, int height)
    {
        using var image = new MagickImage(MagickColors.Transparent, (uint)width, (uint)height);
        new Drawables().FillColor(new MagickColor("#1040e0")).Circle(width / 2.0, height / 2.0, width / 2.0 + height / 4.0, height / 2.0).Draw(image);
        return image.ToByteArray(MagickFormat.Png);
    }

    /// <summary>A 16-bit-per-channel RGB PNG, written by hand so the bit depth is certain.</summary>
    public static byte[] Png16(int width, int height)
    {
        var raw = new MemoryStream();
        Span<byte> pixel = stackalloc byte[6];
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(pixel, (ushort)(x * 65535 / width));
                BinaryPrimitives.WriteUInt16BigEndian(pixel[2..], (ushort)(y * 65535 / height));
                BinaryPrimitives.WriteUInt16BigEndian(pixel[4..], 30000);
                raw.Write(pixel);
            }
        }

        return Png(width, height, bitDepth: 16, colourType: 2, raw.ToArray());
    }

    /// <summary>
    /// A decompression bomb: a valid 1-bit PNG declaring <paramref name="side"/> × <paramref name="side"/> pixels whose
    /// all-black rows compress a thousandfold, so it is small on disk and gigantic decoded.
    /// </summary>
    public static byte[] PngBomb(int side) => Bombs.GetOrAdd(side, MakePngBomb);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte[]> Bombs = new();

    private static byte[] MakePngBomb(int side)
    {
        var rowBytes = (side + 7) / 8 + 1;
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[rowBytes];
            for (var y = 0; y < side; y++)
            {
                zlib.Write(row);
            }
        }

        return PngChunks(side, side, bitDepth: 1, colourType: 0, compressed.ToArray());
    }

    public static byte[] AnimatedGif(int width, int height, int frames)
    {
        using var collection = new MagickImageCollection();
        for (var i = 0; i < frames; i++)
        {
            var frame = Scene(width, height, 0.2 + 0.6 * i / Math.Max(1, frames - 1), 0.5);
            frame.AnimationDelay = 20;
            collection.Add(frame);
        }

        return collection.ToByteArray(MagickFormat.Gif);
    }

    public static byte[] CmykJpeg(int width, int height)
    {
        using var image = Scene(width, height);
        image.ColorSpace = ColorSpace.CMYK;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>A HEIC photo made by libheif's encoder (Debian libheif-examples), since ImageMagick here only decodes HEIC.</summary>
    public static byte[] Heic(int width, int height)
    {
        var png = TempFile(".png");
        var heic = TempFile(".heic");
        try
        {
            using (var image = Scene(width, height))
            {
                image.Write(png, MagickFormat.Png);
            }

            Run("heif-enc", ["-q", "60", "-o", heic, png]);
            return File.ReadAllBytes(heic);
        }
        finally
        {
            File.Delete(png);
            File.Delete(heic);
        }
    }

    /// <summary>
    /// The same picture with a unique comment added (a JPEG COM segment or a PNG tEXt chunk), so tests that upload
    /// one picture to both stores are not refused as duplicates of each other.
    /// </summary>
    public static byte[] Unique(byte[] bytes)
    {
        var text = System.Text.Encoding.ASCII.GetBytes("test " + Guid.NewGuid().ToString("N"));
        if (bytes[0] == 0xFF)
        {
            byte[] comment = [0xFF, 0xFE, 0, (byte)(text.Length + 2), .. text];
            return [.. bytes[..2], .. comment, .. bytes[2..]];
        }

        // After the signature (8 bytes) and the IHDR chunk (25 bytes).
        var chunk = new MemoryStream();
        Chunk(chunk, "tEXt", [.. "Comment"u8, 0, .. text]);
        return [.. bytes[..33], .. chunk.ToArray(), .. bytes[33..]];
    }

    public static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"site-test-{Guid.NewGuid():N}{extension}");

    private static string Exiftool(string[] arguments) => Run("exiftool", arguments);

    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error} (installed by scripts/install-prerequisites.sh test)");
        }

        return output.Result;
    }

    private static byte[] Png(int width, int height, byte bitDepth, byte colourType, byte[] rawRows)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(rawRows);
        }

        return PngChunks(width, height, bitDepth, colourType, compressed.ToArray());
    }

    private static byte[] PngChunks(int width, int height, byte bitDepth, byte colourType, byte[] idat)
    {
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colourType;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = System.IO.Hashing.Crc32.Hash([.. typeBytes, .. data]);
        Array.Reverse(crc);
        png.Write(crc);
    }
}
