using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Site.Data.Accounts;

namespace Site.Blazor.Security;

/// <summary>
/// One authorization policy for everything admin — pages, APIs and hubs alike — so a new admin route is protected
/// by naming <see cref="Policy"/>, never by its own rule. Sign-in is ASP.NET Core Identity's application cookie.
/// </summary>
public static class AdminAuthorization
{
    public const string Policy = "Admin";

    /// <summary>The role the site owner holds.</summary>
    public const string Role = AccountRoles.Admin;

    public const string LoginPath = "/account/login";

    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>APIs answer 401/403 instead of redirecting to the login page, which only a browser can use.</summary>
    public const string ApiPrefix = "/api";

    public static IServiceCollection AddSiteAuthorization(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddSiteAccounts().AddSignInManager();

        // Outside development every cookie is Secure, even when TLS ends at a proxy and the request reaches us as http.
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = Accounts.AccountEndpoints.LogoutPath;
            options.AccessDeniedPath = AccessDeniedPath;
            options.Cookie.Name = "site.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        // The short-lived cookie between password and authenticator code, and "remember this browser".
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "site.2fa";
            options.Cookie.SecurePolicy = secure;
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, options =>
            options.Cookie.SecurePolicy = secure);
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, options =>
            options.Cookie.SecurePolicy = secure);
        // The antiforgery cookie is Secure whenever the request is https, not "Always": the antiforgery system refuses
        // to run with "Always" on a plain-http request, which is what a request looks like behind a TLS-ending proxy.
        // Alone it grants nothing: it only pairs with the token in a form rendered for the same user.
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "site.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireRole(Role));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        return services;
    }

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments(ApiPrefix))
        {
            context.Response.StatusCode = apiStatus;
            // A client of the API wants the status, not the HTML "not found" page re-executed for empty error bodies.
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
