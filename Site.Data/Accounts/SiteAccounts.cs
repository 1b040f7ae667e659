using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Persistence;

namespace Site.Data.Accounts;

/// <summary>
/// Accounts on ASP.NET Core Identity with the site's rules: login by email, long passwords without class rules,
/// lockout after repeated failures, short-lived reset links. Shared by the web host and its admin command line.
/// </summary>
public static class SiteAccounts
{
    public static IdentityBuilder AddSiteAccounts(this IServiceCollection services)
    {
        services.AddSiteOptions<AccountOptions>(AccountOptions.Section);
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accounts) =>
        {
            identity.User.RequireUniqueEmail = true;
            identity.Password.RequiredLength = AccountOptions.MinimumPasswordLength;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Password.RequiredUniqueChars = 4;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.LockoutAfterFailures;
            identity.Lockout.DefaultLockoutTimeSpan = accounts.Value.LockoutDuration;
        });
        // The reset link carries a Data Protection token; its lifetime is the link's lifetime. It is single-use
        // because resetting the password changes the security stamp the token was made from.
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<AccountOptions>>((tokens, accounts) =>
            tokens.TokenLifespan = accounts.Value.ResetLinkLifetime);

        services.AddScoped<AdminAccountProvisioner>();
        services.AddSingleton<IAccountMailer, QueuedAccountMailer>();

        return services.AddIdentityCore<SiteUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SiteDbContext>()
            .AddDefaultTokenProviders();
    }
}
