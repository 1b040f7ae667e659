using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Site.Data.Accounts;
using Site.Domain.Accounts;

namespace Site.Blazor.Accounts;

/// <summary>Account actions that are not pages.</summary>
public static class AccountEndpoints
{
    public const string LogoutPath = "/account/logout";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // POST only, with the antiforgery token: a link or an image on another site cannot log anyone out.
        endpoints.MapPost(LogoutPath, async (HttpContext context, SignInManager<SiteUser> signIn) =>
            {
                if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                {
                    return Results.Text("This logout form has expired. Reload the page and press Log out again.", statusCode: StatusCodes.Status400BadRequest);
                }

                await signIn.SignOutAsync();
                var returnUrl = context.Request.HasFormContentType ? context.Request.Form["returnUrl"].ToString() : null;
                return Results.LocalRedirect(LocalReturnUrl.OrDefault(returnUrl));
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return endpoints;
    }
}
