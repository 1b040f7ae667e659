namespace Site.Domain.Photos;

/// <summary>
/// Where a photo's subject is, as fractions of its width and height (0–1, from the top-left corner of the upright
/// photo). Crops keep this point in view.
/// </summary>
public readonly record struct FocalPoint
{
    public FocalPoint(double x, double y)
    {
        X = Clamp(x);
        Y = Clamp(y);
    }

    /// <summary>The focal point used when nothing better is known.</summary>
    public static FocalPoint Centre { get; } = new(0.5, 0.5);

    public double X { get; }

    public double Y { get; }

    /// <summary>The point, or the centre when a coordinate is missing or not a number.</summary>
    public static FocalPoint FromOptional(double? x, double? y) =>
        x is { } px && y is { } py && double.IsFinite(px) && double.IsFinite(py) ? new FocalPoint(px, py) : Centre;

    private static double Clamp(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0.5;
}
