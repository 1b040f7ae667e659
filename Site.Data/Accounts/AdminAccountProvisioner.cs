using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Persistence;
using Site.Domain.Accounts;

namespace Site.Data.Accounts;

/// <summary>An admin's email, and the password when the site generated it (null when it came from configuration).</summary>
public sealed record AdminCredentials(string Email, string? GeneratedPassword);

/// <summary>
/// Makes sure the site has an owner: creates the first admin on first start, and creates or resets an admin on
/// request (the command line's way back in after a lost password or authenticator).
/// </summary>
public sealed class AdminAccountProvisioner(
    UserManager<SiteUser> users,
    RoleManager<IdentityRole> roles,
    SiteDbContext db,
    IOptions<AccountOptions> options,
    TimeProvider clock)
{
    public const string DefaultAdminEmail = "admin@localhost";

    /// <summary>Held while provisioning, so that hosts starting together create one first admin, not two.</summary>
    private const long ProvisioningLockKey = 0x5_17E_AC_01;

    /// <summary>Creates the first admin when no account holds the Admin role; returns null when one already does.</summary>
    public async Task<AdminCredentials?> EnsureFirstAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginLockedAsync(cancellationToken);
        await EnsureAdminRoleAsync();
        if ((await users.GetUsersInRoleAsync(AccountRoles.Admin)).Count > 0)
        {
            return null;
        }

        var settings = options.Value;
        var email = settings.AdminEmail is { Length: > 0 } configuredEmail ? configuredEmail : DefaultAdminEmail;
        var configuredPassword = settings.AdminPassword is { Length: > 0 } password ? password : null;
        var credentials = new AdminCredentials(email, configuredPassword is null ? GeneratedPassword.Create() : null);
        await MakeAdminAsync(email, configuredPassword ?? credentials.GeneratedPassword!);
        await transaction.CommitAsync(cancellationToken);
        return credentials;
    }

    /// <summary>
    /// Gives <paramref name="email"/> admin rights and a new generated password, creating the account when it does
    /// not exist; unlocks it, and with <paramref name="turnOffTwoFactor"/> removes its authenticator.
    /// </summary>
    public async Task<AdminCredentials> ResetAdminAsync(string email, bool turnOffTwoFactor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginLockedAsync(cancellationToken);
        await EnsureAdminRoleAsync();
        var password = GeneratedPassword.Create();
        var user = await MakeAdminAsync(email.Trim(), password);
        if (turnOffTwoFactor)
        {
            Check(await users.SetTwoFactorEnabledAsync(user, false), email);
            Check(await users.ResetAuthenticatorKeyAsync(user), email);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AdminCredentials(user.Email!, password);
    }

    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginLockedAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ProvisioningLockKey})", cancellationToken);
        return transaction;
    }

    private async Task EnsureAdminRoleAsync()
    {
        if (!await roles.RoleExistsAsync(AccountRoles.Admin))
        {
            Check(await roles.CreateAsync(new IdentityRole(AccountRoles.Admin)), AccountRoles.Admin);
        }
    }

    private async Task<SiteUser> MakeAdminAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new SiteUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
            Check(await users.CreateAsync(user, password), email);
        }
        else
        {
            // Replacing the password also changes the security stamp, which signs out every session of the account.
            if (await users.HasPasswordAsync(user))
            {
                Check(await users.RemovePasswordAsync(user), email);
            }

            Check(await users.AddPasswordAsync(user, password), email);
            Check(await users.SetLockoutEndDateAsync(user, null), email);
            Check(await users.ResetAccessFailedCountAsync(user), email);
        }

        if (!await users.IsInRoleAsync(user, AccountRoles.Admin))
        {
            Check(await users.AddToRoleAsync(user, AccountRoles.Admin), email);
        }

        return user;
    }

    private static void Check(IdentityResult result, string subject)
    {
        if (!result.Succeeded)
        {
            throw new AccountProvisioningException(
                $"Cannot set up the admin account '{subject}': " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>The admin account could not be created or reset; the message says why.</summary>
public sealed class AccountProvisioningException(string message) : Exception(message);
