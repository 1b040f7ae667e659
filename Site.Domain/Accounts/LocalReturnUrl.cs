namespace Site.Domain.Accounts;

/// <summary>
/// Where a page may send the browser back to after login, logout or a setting change: only a path on this site.
/// Anything else (another host, a scheme-relative <c>//host</c>, a backslash trick) falls back to the given default,
/// so no link can turn the site into an open redirect.
/// </summary>
public static class LocalReturnUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static string OrDefault(string? url, string fallback = "/") => IsLocal(url) ? url! : fallback;
}
