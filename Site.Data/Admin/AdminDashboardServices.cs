using Microsoft.Extensions.DependencyInjection;

namespace Site.Data.Admin;

public static class AdminDashboardServices
{
    /// <summary>The dashboard query and the attention sources of accounts, jobs, content and comments.</summary>
    public static IServiceCollection AddAdminDashboard(this IServiceCollection services)
    {
        services.AddScoped<AdminDashboardQuery>();
        services.AddAdminAttentionSource<JobHostsAttentionSource>();
        services.AddAdminAttentionSource<AdminTwoFactorAttentionSource>();
        services.AddAdminAttentionSource<Content.ContentErrorsAttentionSource>();
        services.AddAdminAttentionSource<Comments.PendingCommentsAttentionSource>();
        return services;
    }
}
