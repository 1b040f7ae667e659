namespace Site.Blazor.Components.Layout;

/// <summary>A section of the admin, and whether it exists yet (areas land with their own features).</summary>
public sealed record AdminArea(string Title, string Path, string Icon, bool IsAvailable);

/// <summary>The admin's sections in navigation order, and which paths belong to the admin.</summary>
public static class AdminAreas
{
    public const string BasePath = "/admin";

    public static readonly IReadOnlyList<AdminArea> All =
    [
        new("Dashboard", BasePath, MudBlazor.Icons.Material.Filled.Dashboard, IsAvailable: true),
        new("Posts", BasePath + "/posts", MudBlazor.Icons.Material.Filled.Article, IsAvailable: false),
        new("Comments", BasePath + "/comments", MudBlazor.Icons.Material.Filled.Comment, IsAvailable: true),
        new("Albums", BasePath + "/albums", MudBlazor.Icons.Material.Filled.PhotoAlbum, IsAvailable: true),
        new("Photos", BasePath + "/photos", MudBlazor.Icons.Material.Filled.PhotoLibrary, IsAvailable: true),
        new("Jobs", BasePath + "/jobs", MudBlazor.Icons.Material.Filled.Schedule, IsAvailable: true),
        new("Search", BasePath + "/search", MudBlazor.Icons.Material.Filled.ManageSearch, IsAvailable: true),
        new("Analytics", BasePath + "/analytics", MudBlazor.Icons.Material.Filled.Insights, IsAvailable: false),
        new("Audits", BasePath + "/audits", MudBlazor.Icons.Material.Filled.Speed, IsAvailable: false),
        new("Market data", BasePath + "/market-data", MudBlazor.Icons.Material.Filled.ShowChart, IsAvailable: false),
        new("Settings", BasePath + "/settings", MudBlazor.Icons.Material.Filled.Settings, IsAvailable: false),
    ];

    /// <summary>Whether a site-relative path (with or without its leading slash) is in the admin.</summary>
    public static bool Contains(string path)
    {
        var absolute = "/" + path.TrimStart('/');
        var end = absolute.IndexOfAny(['?', '#']);
        return new PathString(end < 0 ? absolute : absolute[..end]).StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase);
    }
}
