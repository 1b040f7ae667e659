using Site.Blazor.Security;

namespace Site.Blazor.Blog;

/// <summary>The one rule for drafts: only the admin sees them, on every page that lists or shows posts.</summary>
public static class DraftVisibility
{
    public static bool CanSeeDrafts(HttpContext? context) => context?.User.IsInRole(AdminAuthorization.Role) == true;
}
