using Site.Data.Admin;

namespace Site.Blazor.Accounts;

public static class AccountWebServices
{
    /// <summary>The web side of accounts and the admin dashboard: login, reset requests, first-admin set-up.</summary>
    public static IServiceCollection AddAccountPages(this IServiceCollection services)
    {
        services.AddScoped<PasswordLogin>();
        services.AddScoped<PasswordResetRequests>();
        services.AddHostedService<FirstAdminStartup>();
        services.AddAdminDashboard();
        return services;
    }
}
