namespace Site.Domain.Graph;

/// <summary>
/// The colour of each category in the graph and its legend: one list, so the legend, the nodes and the screenshot
/// agree. Colours are picked to stay apart for common colour-vision deficiencies (Okabe–Ito order) and cycle after eight.
/// </summary>
public static class CategoryPalette
{
    private static readonly string[] Colours = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#8a7a00", "#6b6b6b"];

    /// <summary>The colour of the category at <paramref name="position"/> in the site's category order (0-based).</summary>
    public static string ColourAt(int position) => Colours[((position % Colours.Length) + Colours.Length) % Colours.Length];
}
