using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Site.Data.Accounts;

/// <summary>Plain table names for the Identity model (instead of asp_net_users and friends) and the key store.</summary>
internal static class AccountTables
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<SiteUser>(user =>
        {
            user.ToTable("users");
            // Identity checks uniqueness in code; the index makes it hold when two requests race.
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("email_index").IsUnique();
            user.HasIndex(u => u.NormalizedUserName).HasDatabaseName("user_name_index");
        });
        model.Entity<IdentityRole>(role =>
        {
            role.ToTable("roles");
            role.HasIndex(r => r.NormalizedName).HasDatabaseName("role_name_index");
        });
        model.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        model.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        model.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
