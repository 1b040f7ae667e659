using Microsoft.Extensions.DependencyInjection;

namespace Site.Data.Admin;

public static class AdminDashboardServices
{
    /// <summary>The dashboard query and the attention sources the accounts feature brings.</summary>
    public static IServiceCollection AddAdminDashboard(this IServiceCollection services)
    {
        services.AddScoped<AdminDashboardQuery>();
        services.AddAdminAttentionSource<JobHostsAttentionSource>();
        services.AddAdminAttentionSource<AdminTwoFactorAttentionSource>();
        return services;
    }
}
