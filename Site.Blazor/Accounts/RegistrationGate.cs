using Microsoft.Extensions.Options;
using Site.Data.Configuration;

namespace Site.Blazor.Accounts;

/// <summary>Marks a page whose form creates an account; its POSTs are refused while sign-up is switched off.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresOpenRegistrationAttribute : Attribute;

/// <summary>
/// Refuses sign-up POSTs with 403 while <see cref="AccountOptions.AllowRegistration"/> is off, before the page runs,
/// so no account can be created by posting a form the page does not show.
/// </summary>
public static class RegistrationGate
{
    public const string ClosedMessage = "Sign-up is closed on this site: new accounts cannot be created here.";

    public static IApplicationBuilder UseRegistrationGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<RequiresOpenRegistrationAttribute>() is not null
                && !context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.AllowRegistration)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(ClosedMessage, context.RequestAborted);
                return;
            }

            await next(context);
        });
}
