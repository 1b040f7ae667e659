namespace Site.Blazor.Components.UI;

/// <summary>
/// How the knowledge graph joins a static page: Interactive Server without prerendering, since there is nothing useful
/// to prerender (the static link list next to it carries the content) and the graph loads only in the browser.
/// </summary>
public static class GraphIsland
{
    public static readonly Microsoft.AspNetCore.Components.Web.InteractiveServerRenderMode RenderMode = new(prerender: false);
}
