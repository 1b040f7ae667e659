using Microsoft.AspNetCore.Identity;

namespace Site.Data.Accounts;

/// <summary>An account: the site owner (in the Admin role) or a reader who signed up. Users log in by email.</summary>
public sealed class SiteUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
