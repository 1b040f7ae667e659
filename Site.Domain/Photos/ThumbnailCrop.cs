namespace Site.Domain.Photos;

/// <summary>The thumbnail rule: a 400×300 tile cut from the largest 4:3 part of the photo centred on its focal point.</summary>
public static class ThumbnailCrop
{
    public static PixelSize Size { get; } = new(400, 300);

    /// <summary>
    /// The largest rectangle of the thumbnail's aspect ratio inside <paramref name="image"/>, as close to centred on
    /// <paramref name="focus"/> as the image's edges allow.
    /// </summary>
    public static PixelRectangle Around(PixelSize image, FocalPoint focus)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(image.Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(image.Height);
        var width = image.Width;
        var height = image.Height;
        // Compare W/H with 4/3 in integers so a photo of exactly 4:3 keeps every pixel.
        if ((long)image.Width * Size.Height > (long)image.Height * Size.Width)
        {
            width = Math.Max(1, (int)Math.Round((double)image.Height * Size.Width / Size.Height));
        }
        else
        {
            height = Math.Max(1, (int)Math.Round((double)image.Width * Size.Height / Size.Width));
        }

        var x = Math.Clamp((int)Math.Round(focus.X * image.Width - width / 2.0), 0, image.Width - width);
        var y = Math.Clamp((int)Math.Round(focus.Y * image.Height - height / 2.0), 0, image.Height - height);
        return new PixelRectangle(x, y, width, height);
    }

    /// <summary>The thumbnail's size for a crop: 400×300, or the crop itself when it is smaller (never upscaled).</summary>
    public static PixelSize OutputSize(PixelRectangle crop) =>
        crop.Width <= Size.Width ? new PixelSize(crop.Width, crop.Height) : Size;
}
