namespace Site.Domain.Photos;

/// <summary>A rectangle of whole pixels inside an image.</summary>
public readonly record struct PixelRectangle(int X, int Y, int Width, int Height);

/// <summary>Pixel dimensions of an image.</summary>
public readonly record struct PixelSize(int Width, int Height)
{
    public int LongEdge => Math.Max(Width, Height);
}
