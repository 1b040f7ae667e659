using Microsoft.AspNetCore.Identity;
using Site.Data.Accounts;
using Site.Domain.Accounts;

namespace Site.Blazor.Accounts;

public enum LoginOutcome
{
    SignedIn,
    NeedsTwoFactorCode,

    /// <summary>Unknown email, wrong password or locked account: deliberately one outcome, so none can be told apart.</summary>
    Refused,
}

/// <summary>
/// Password login that answers the same, in about the same time, whether or not the email has an account: an
/// unknown or locked account still costs one password-hash verification, as a wrong password does.
/// </summary>
public sealed class PasswordLogin(SignInManager<SiteUser> signIn, UserManager<SiteUser> users, IPasswordHasher<SiteUser> hasher)
{
    private static readonly Lock DecoyLock = new();
    private static string? _decoyHash;

    public async Task<LoginOutcome> SignInAsync(string email, string password, bool rememberMe)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            hasher.VerifyHashedPassword(new SiteUser(), DecoyHash(), password);
            return LoginOutcome.Refused;
        }

        var result = await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        return result.Succeeded ? LoginOutcome.SignedIn
            : result.RequiresTwoFactor ? LoginOutcome.NeedsTwoFactorCode
            : LoginOutcome.Refused;
    }

    /// <summary>A hash made once with the same hasher and work factor as real ones.</summary>
    private string DecoyHash()
    {
        lock (DecoyLock)
        {
            return _decoyHash ??= hasher.HashPassword(new SiteUser(), GeneratedPassword.Create());
        }
    }
}
