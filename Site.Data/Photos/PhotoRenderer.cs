using System.Globalization;
using ImageMagick;
using ImageMagick.Formats;
using Microsoft.Extensions.Options;
using Site.Domain.Photos;
using PerceptualHash = Site.Domain.Photos.PerceptualHash;

namespace Site.Data.Photos;

/// <summary>One encoded variant, ready to store.</summary>
internal sealed record RenderedVariant(PhotoVariantKind Kind, PhotoFormat Format, PixelSize Size, byte[] Bytes);

/// <summary>Everything processing learns from decoding a photo once.</summary>
internal sealed record RenderedPhoto(PixelSize Size, bool Animated, long PerceptualHash, FocalPoint EstimatedFocalPoint, IReadOnlyList<RenderedVariant> Variants);

/// <summary>The photo's content is unusable (damaged, too large, not decodable); retrying cannot help.</summary>
public sealed class PhotoContentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Decodes a photo once with ImageMagick and renders every variant from that one decode: the display sizes, the
/// thumbnail cut around the focal point, the saliency map, and the perceptual hash. JPEGs are decoded at reduced
/// size straight from the DCT when the largest variant needs fewer pixels (shrink-on-load). The declared dimensions
/// are checked before decoding and ImageMagick's own resource limits are set, so a decompression bomb fails fast
/// instead of taking the host's memory. Animated GIF and WebP are rendered from their first frame: the variants are stills, the stored
/// original keeps the animation.
/// </summary>
internal sealed class PhotoRenderer
{
    /// <summary>Long edge of the downscaled copy the saliency map is computed on.</summary>
    public const int SaliencyLongEdge = 64;

    private readonly PhotoOptions _options;

    public PhotoRenderer(IOptions<PhotoOptions> options)
    {
        _options = options.Value;
        ApplyResourceLimits(_options);
    }

    /// <summary>ImageMagick's limits are per process; every renderer sets the same ones from the settings.</summary>
    private static void ApplyResourceLimits(PhotoOptions options)
    {
        ResourceLimits.Width = (ulong)options.MaxImageSide;
        ResourceLimits.Height = (ulong)options.MaxImageSide;
        ResourceLimits.Area = (ulong)options.MaxImagePixels;
        ResourceLimits.Memory = (ulong)options.MaxDecodeMemoryBytes;
        // Pixels that do not fit in memory must fail, not spill into a disk cache as large as the bomb asks for.
        ResourceLimits.Disk = 0;
        // Animated files are read for their first frame only; nothing needs long image lists.
        ResourceLimits.ListLength = 1000;
    }

    /// <summary>
    /// Renders the photo at <paramref name="path"/>. <paramref name="declaredSize"/> is the size its header declares,
    /// read without ImageMagick, so an oversized image is refused with its numbers before any decoder sees it.
    /// </summary>
    public async Task<RenderedPhoto> RenderAsync(string path, PhotoFormat format, PixelSize? declaredSize, FocalPoint? chosenFocalPoint, CancellationToken cancellationToken)
    {
        if (declaredSize is { } declared)
        {
            CheckSize(declared);
        }

        return await Task.Run(() => Render(path, format, chosenFocalPoint), cancellationToken);
    }

    private RenderedPhoto Render(string path, PhotoFormat format, FocalPoint? chosenFocalPoint)
    {
        try
        {
            return RenderChecked(path, format, chosenFocalPoint);
        }
        catch (MagickException ex) when (ex is MagickResourceLimitErrorException or MagickCacheErrorException)
        {
            throw new PhotoContentException("The image needs more memory or pixels than a photo may use, so it was not processed.", ex);
        }
        catch (MagickMissingDelegateErrorException ex)
        {
            throw new PhotoContentException($"This {format} image cannot be decoded on this server ({ex.Message}).", ex);
        }
        catch (MagickException ex) when (ex is MagickErrorException or MagickCorruptImageWarningException)
        {
            throw new PhotoContentException($"The image file is damaged or incomplete and cannot be decoded ({ex.Message}).", ex);
        }
    }

    private RenderedPhoto RenderChecked(string path, PhotoFormat format, FocalPoint? chosenFocalPoint)
    {
        var magickFormat = MagickFormatOf(format);
        var (rawSize, orientation, animated) = Inspect(path, format, magickFormat);
        var upright = orientation is Orientation.LeftTop or Orientation.RightTop or Orientation.RightBottom or Orientation.LeftBottom
            ? new PixelSize(rawSize.Height, rawSize.Width)
            : rawSize;

        var settings = ReadSettings(magickFormat);
        if (format == PhotoFormat.Jpeg)
        {
            // Shrink-on-load: libjpeg decodes at 1/2, 1/4 or 1/8 scale while the result still covers the largest variant.
            var needed = DisplaySizeLadder.Scale(rawSize, Math.Min(rawSize.LongEdge, DisplaySizeLadder.LargestLongEdge));
            settings.SetDefines(new JpegReadDefines { Size = new MagickGeometry((uint)needed.Width, (uint)needed.Height) });
        }

        using var image = new MagickImage();
        MagickCorruptImageWarningException? damage = null;
        image.Warning += (_, e) => damage ??= e.Message.Contains("Premature end", StringComparison.OrdinalIgnoreCase) ||
                                              e.Message.Contains("Corrupt", StringComparison.OrdinalIgnoreCase) ||
                                              e.Message.Contains("truncat", StringComparison.OrdinalIgnoreCase)
            ? new MagickCorruptImageWarningException(e.Message)
            : null;
        image.Read(path, settings);
        if (damage is not null)
        {
            // A cut-off file decodes with a grey or garbled band; showing that as the photo would be wrong.
            throw damage;
        }

        image.AutoOrient();
        ToSrgb(image);
        image.Strip();
        var hasTransparency = image.HasAlpha && !image.IsOpaque;
        var formats = PhotoVariantFormats.For(format, hasTransparency);

        var sizes = DisplaySizeLadder.For(upright);
        var rungs = new List<(PixelSize Size, MagickImage Image)>();
        try
        {
            // Largest first, each rung resized from the one above: far cheaper than each from the full decode.
            IMagickImage<byte> previous = image;
            foreach (var size in sizes.Reverse())
            {
                var rung = (MagickImage)previous.Clone();
                Resize(rung, size);
                rungs.Add((size, rung));
                previous = rung;
            }

            // Everything from here on is cut from the rungs: the decode's pixels can go before any encoding starts.
            image.Dispose();

            var smallest = rungs[^1].Image;
            var saliency = Saliency(smallest);
            var focus = chosenFocalPoint ?? saliency.FocalPoint();
            var hash = Hash(smallest);

            var variants = new List<RenderedVariant>();
            foreach (var (size, rung) in rungs)
            {
                variants.AddRange(formats.Select(f => new RenderedVariant(PhotoVariantKind.Display, f, size, Encode(rung, f))));
            }

            variants.AddRange(Thumbnail(upright, rungs, focus, formats));
            variants.Add(SaliencyVariant(saliency));
            return new RenderedPhoto(upright, animated, hash, saliency.FocalPoint(), variants);
        }
        finally
        {
            foreach (var (_, rung) in rungs)
            {
                rung.Dispose();
            }
        }
    }

    /// <summary>Dimensions, orientation and animation from the headers alone, checked before any pixel is decoded.</summary>
    private (PixelSize Size, Orientation Orientation, bool Animated) Inspect(string path, PhotoFormat format, MagickFormat magickFormat)
    {
        var settings = ReadSettings(magickFormat);
        var animatable = format is PhotoFormat.Gif or PhotoFormat.WebP;
        if (animatable)
        {
            settings.FrameCount = 2;
        }

        using var frames = new MagickImageCollection();
        frames.Ping(path, settings);
        var first = frames[0];
        var size = new PixelSize((int)first.Width, (int)first.Height);
        if (size.Width <= 0 || size.Height <= 0)
        {
            throw new PhotoContentException("The image declares no pixels.");
        }

        CheckSize(size);
        return (size, first.Orientation, animatable && frames.Count > 1);
    }

    private void CheckSize(PixelSize size)
    {
        if (size.LongEdge > _options.MaxImageSide || (long)size.Width * size.Height > _options.MaxImagePixels)
        {
            throw new PhotoContentException(string.Create(CultureInfo.InvariantCulture,
                $"The image declares {size.Width:N0} × {size.Height:N0} pixels; a photo may be at most {_options.MaxImageSide:N0} pixels on a side " +
                $"and {_options.MaxImagePixels / 1_000_000:N0} megapixels in all."));
        }
    }

    private static MagickReadSettings ReadSettings(MagickFormat format) => new()
    {
        // The format is the one recognised from the magic bytes: ImageMagick never guesses a coder from content.
        Format = format,
        FrameIndex = 0,
        FrameCount = 1,
    };

    private static void ToSrgb(MagickImage image)
    {
        var profile = image.GetColorProfile();
        if (profile is not null && !(profile.Description?.Contains("sRGB", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            image.TransformColorSpace(ColorProfiles.SRGB);
        }
        else if (image.ColorSpace is not (ColorSpace.sRGB or ColorSpace.Gray or ColorSpace.RGB))
        {
            image.ColorSpace = ColorSpace.sRGB;
        }
    }

    private static void Resize(IMagickImage<byte> image, PixelSize size)
    {
        if (image.Width != size.Width || image.Height != size.Height)
        {
            image.Resize(new MagickGeometry((uint)size.Width, (uint)size.Height) { IgnoreAspectRatio = true });
        }
    }

    private static IEnumerable<RenderedVariant> Thumbnail(PixelSize upright, List<(PixelSize Size, MagickImage Image)> rungs, FocalPoint focus, IReadOnlyList<PhotoFormat> formats)
    {
        var output = ThumbnailCrop.OutputSize(ThumbnailCrop.Around(upright, focus));
        // Cut from the smallest rung whose crop still has at least the thumbnail's pixels.
        var source = rungs.Last(r => ThumbnailCrop.Around(r.Size, focus).Width >= output.Width || r.Image == rungs[0].Image).Image;
        var crop = ThumbnailCrop.Around(new PixelSize((int)source.Width, (int)source.Height), focus);
        using var thumbnail = (MagickImage)source.Clone();
        thumbnail.Crop(new MagickGeometry(crop.X, crop.Y, (uint)crop.Width, (uint)crop.Height));
        thumbnail.ResetPage();
        Resize(thumbnail, output);
        return formats.Select(f => new RenderedVariant(PhotoVariantKind.Thumbnail, f, output, Encode(thumbnail, f))).ToList();
    }

    private static SaliencyMap Saliency(MagickImage smallest)
    {
        using var small = (MagickImage)smallest.Clone();
        Flatten(small);
        small.Resize(new MagickGeometry(SaliencyLongEdge, SaliencyLongEdge));
        small.Blur(0, 1);
        var rgb = small.GetPixels().ToByteArray(PixelMapping.RGB)!;
        return SaliencyMap.FromRgb(rgb, (int)small.Width, (int)small.Height);
    }

    private static long Hash(MagickImage smallest)
    {
        using var tiny = (MagickImage)smallest.Clone();
        Flatten(tiny);
        tiny.Resize(new MagickGeometry(PerceptualHash.InputSide, PerceptualHash.InputSide) { IgnoreAspectRatio = true });
        return PerceptualHash.ComputeFromRgb(tiny.GetPixels().ToByteArray(PixelMapping.RGB)!);
    }

    private static RenderedVariant SaliencyVariant(SaliencyMap saliency)
    {
        using var map = new MagickImage(saliency.ToGray(), new PixelReadSettings((uint)saliency.Width, (uint)saliency.Height, StorageType.Char, "I"));
        map.ColorType = ColorType.Grayscale;
        return new RenderedVariant(PhotoVariantKind.SaliencyMap, PhotoFormat.Png, new PixelSize(saliency.Width, saliency.Height), map.ToByteArray(MagickFormat.Png));
    }

    private static byte[] Encode(MagickImage image, PhotoFormat format)
    {
        if (PhotoVariantFormats.NeedsFlattening(format) && image.HasAlpha)
        {
            using var flat = (MagickImage)image.Clone();
            Flatten(flat);
            return Encode(flat, format);
        }

        image.Quality = PhotoVariantFormats.Quality;
        return format switch
        {
            PhotoFormat.WebP => image.ToByteArray(MagickFormat.WebP),
            PhotoFormat.Jpeg => EncodeJpeg(image),
            PhotoFormat.Png => image.ToByteArray(MagickFormat.Png),
            PhotoFormat.Gif => image.ToByteArray(MagickFormat.Gif),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Variants are written as WebP, JPEG, PNG or GIF."),
        };
    }

    private static byte[] EncodeJpeg(MagickImage image)
    {
        // Progressive, as the reference site's: the whole picture appears at once and sharpens as it loads.
        image.Settings.Interlace = Interlace.Jpeg;
        try
        {
            return image.ToByteArray(MagickFormat.Jpeg);
        }
        finally
        {
            image.Settings.Interlace = Interlace.NoInterlace;
        }
    }

    /// <summary>Lays transparent pixels on white, for formats and measures that have no transparency.</summary>
    private static void Flatten(MagickImage image)
    {
        if (image.HasAlpha)
        {
            image.BackgroundColor = MagickColors.White;
            image.Alpha(AlphaAction.Remove);
            image.Alpha(AlphaAction.Off);
        }
    }

    private static MagickFormat MagickFormatOf(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => MagickFormat.Jpeg,
        PhotoFormat.Png => MagickFormat.Png,
        PhotoFormat.Gif => MagickFormat.Gif,
        PhotoFormat.WebP => MagickFormat.WebP,
        PhotoFormat.Heif => MagickFormat.Heic,
        PhotoFormat.Avif => MagickFormat.Avif,
        PhotoFormat.Tiff => MagickFormat.Tiff,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
