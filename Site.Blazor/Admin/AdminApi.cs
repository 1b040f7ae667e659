using Site.Blazor.Security;
using Site.Data.Admin;

namespace Site.Blazor.Admin;

/// <summary>
/// Admin APIs live in one group under <c>/api/admin</c> that requires the admin policy, so an endpoint added here is
/// protected without a rule of its own.
/// </summary>
public static class AdminApi
{
    public const string Prefix = "/api/admin";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(Prefix).RequireAuthorization(AdminAuthorization.Policy);

        // The dashboard's numbers for scripts and monitors: counts and what needs attention.
        admin.MapGet("/summary", async (AdminDashboardQuery dashboard, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new
            {
                summary = await dashboard.GetSummaryAsync(cancellationToken),
                attention = await dashboard.GetAttentionAsync(cancellationToken),
            });
        });
        admin.MapPhotoUpload();
        return endpoints;
    }
}
