namespace Site.Blazor.Blog;

/// <summary>
/// Marks a page that readers see: it gets the light reader layout assets (its own small style sheet, no MudBlazor, no
/// Blazor script) unless it hosts an interactive island, which needs the Blazor script to connect.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReaderPageAttribute : Attribute
{
    /// <summary>The page holds an Interactive Server component, so the Blazor script and scoped styles are loaded.</summary>
    public bool HasInteractiveIsland { get; init; }

    /// <summary>The page holds the comment form or comment actions, so the small comments script is loaded.</summary>
    public bool HasComments { get; init; }

    /// <summary>
    /// The page holds a form and is never cached (the comment page), so it gets real antiforgery tokens like any
    /// account page, instead of the token-free rendering that keeps cached reader pages cookie-free.
    /// </summary>
    public bool IssuesAntiforgeryTokens { get; init; }
}

/// <summary>Marks the page whose successful views count as reads of the post named by its route.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CountsPostReadsAttribute : Attribute;
