using System.Globalization;

namespace Site.Blazor.Components.UI;

/// <summary>How dates read on the site: "9 March 2024", the same for every reader whatever their locale.</summary>
public static class PostDates
{
    public static string Format(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
