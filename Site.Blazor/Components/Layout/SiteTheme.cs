using MudBlazor;

namespace Site.Blazor.Components.Layout;

/// <summary>The site's colours for light and dark, in one place.</summary>
public static class SiteTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            AppbarBackground = "#ffffff",
            AppbarText = "#1b1b1b",
            Background = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7cb8e4",
            AppbarBackground = "#16181d",
            AppbarText = "#e8e8e8",
            Background = "#16181d",
        },
    };
}
