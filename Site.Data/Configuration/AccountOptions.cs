namespace Site.Data.Configuration;

/// <summary>Settings under <c>Site:Accounts</c>.</summary>
public sealed class AccountOptions : ISiteOptions
{
    public const string Section = "Site:Accounts";

    /// <summary>Shortest password the site accepts. Length is what makes a password strong, so there are no class rules.</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>Whether readers may create accounts on <c>/account/register</c>. Off by default.</summary>
    public bool AllowRegistration { get; set; }

    /// <summary>Email of the first admin, created on first start when no admin exists (default admin@localhost).</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Password of that first admin; when empty, a strong one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// When set, a generated first-admin password is also written to this file (readable by its owner only), so the
    /// run command can show it next to the site's address; the run command deletes the file after showing it.
    /// </summary>
    public string? InitialAdminFile { get; set; }

    /// <summary>
    /// The address that links in account mails point to, e.g. <c>https://example.com</c>. When empty, links use the
    /// address of the request, which trusts its Host header: set this (or AllowedHosts) in production.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a password reset link works.</summary>
    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Login and reset requests one client address may make per minute.</summary>
    public int AttemptsPerMinutePerAddress { get; set; } = 10;

    /// <summary>Login and reset requests for one account (email) per minute, from anywhere.</summary>
    public int AttemptsPerMinutePerAccount { get; set; } = 5;

    /// <summary>Wrong passwords or codes in a row that lock an account.</summary>
    public int LockoutAfterFailures { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (AdminEmail is { Length: > 0 } && !MimeKit.MailboxAddress.TryParse(AdminEmail, out _))
        {
            yield return $"{sectionPath}:AdminEmail is not a mail address: '{AdminEmail}'.";
        }

        if (AdminPassword is { Length: > 0 } && AdminPassword.Length < MinimumPasswordLength)
        {
            yield return $"{sectionPath}:AdminPassword must be at least {MinimumPasswordLength} characters long.";
        }

        if (PublicBaseUrl is { Length: > 0 }
            && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"{sectionPath}:PublicBaseUrl must be an absolute http(s) URL, not '{PublicBaseUrl}'.";
        }

        if (ResetLinkLifetime <= TimeSpan.Zero || ResetLinkLifetime > TimeSpan.FromDays(7))
        {
            yield return $"{sectionPath}:ResetLinkLifetime must be more than 00:00:00 and at most 7.00:00:00, not {ResetLinkLifetime}.";
        }

        if (AttemptsPerMinutePerAddress < 1)
        {
            yield return $"{sectionPath}:AttemptsPerMinutePerAddress must be at least 1, not {AttemptsPerMinutePerAddress}.";
        }

        if (AttemptsPerMinutePerAccount < 1)
        {
            yield return $"{sectionPath}:AttemptsPerMinutePerAccount must be at least 1, not {AttemptsPerMinutePerAccount}.";
        }

        if (LockoutAfterFailures < 1)
        {
            yield return $"{sectionPath}:LockoutAfterFailures must be at least 1, not {LockoutAfterFailures}.";
        }

        if (LockoutDuration <= TimeSpan.Zero)
        {
            yield return $"{sectionPath}:LockoutDuration must be more than 00:00:00, not {LockoutDuration}.";
        }
    }
}
