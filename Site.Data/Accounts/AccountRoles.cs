namespace Site.Data.Accounts;

/// <summary>The roles accounts can hold.</summary>
public static class AccountRoles
{
    /// <summary>The site owner; the web host's admin authorization policy requires it.</summary>
    public const string Admin = "Admin";
}
