using Site.Domain.Accounts;

namespace Site.Blazor.Components.Layout;

/// <summary>
/// The reader's light/dark choice, kept in a cookie so it works on static pages without a circuit or script:
/// the toggle is a plain link that flips the cookie and returns to the page.
/// </summary>
public static class ThemePreference
{
    public const string CookieName = "site-theme";

    public static bool IsDark(HttpContext? context) =>
        context?.Request.Cookies[CookieName] == "dark";

    /// <summary>"dark", "light", or "auto" when the reader has not chosen (reader pages then follow the system setting).</summary>
    public static string Choice(HttpContext? context) => context?.Request.Cookies[CookieName] switch
    {
        "dark" => "dark",
        "light" => "light",
        _ => "auto",
    };

    public static IEndpointRouteBuilder MapThemeToggle(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/theme/toggle", (HttpContext context, string? returnUrl) =>
        {
            context.Response.Cookies.Append(CookieName, IsDark(context) ? "light" : "dark", new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
            context.Response.Headers.CacheControl = "no-store";
            // Only local paths: the toggle must never become an open redirect.
            return Results.LocalRedirect(LocalReturnUrl.OrDefault(returnUrl));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
