using Microsoft.AspNetCore.Authentication.Cookies;

namespace Site.Blazor.Security;

/// <summary>
/// One authorization policy for everything admin — pages, APIs and hubs alike — so a new admin route is protected
/// by naming <see cref="Policy"/>, never by its own rule.
/// </summary>
public static class AdminAuthorization
{
    public const string Policy = "Admin";

    /// <summary>The role the site owner holds.</summary>
    public const string Role = "Admin";

    public static IServiceCollection AddSiteAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/access-denied";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireRole(Role));
        services.AddCascadingAuthenticationState();
        return services;
    }
}
