using System.Security.Cryptography;
using System.Text;

namespace Site.Domain.Albums;

/// <summary>
/// A share link's secret: 256 random bits in URL-safe Base64 (43 characters). Only its SHA-256 is stored, so a leaked
/// database does not hand out working links; a token is shown once, when the link is made.
/// </summary>
public static class ShareToken
{
    public const int Bytes = 32;

    public const int Length = 43;

    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True for a string that could be a token (length and alphabet), checked before any database lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The stored form: SHA-256 of the token, 64 lower-case hex digits.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}

/// <summary>Whether a share link opens its album at a given moment.</summary>
public enum ShareLinkState
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>The rules of a share link: label, expiry and password, and when it opens the album.</summary>
public static class ShareLinkRules
{
    public const int MaxLabelLength = 100;

    public const int MinPasswordLength = 6;

    public const int MaxPasswordLength = 200;

    public static ShareLinkState StateAt(DateTimeOffset now, DateTimeOffset? expiresAt, DateTimeOffset? revokedAt) =>
        revokedAt is not null ? ShareLinkState.Revoked
        : expiresAt is { } expiry && now >= expiry ? ShareLinkState.Expired
        : ShareLinkState.Valid;

    /// <summary>Null when a new link may be made with these settings, otherwise a sentence saying why not.</summary>
    public static string? Problem(string? label, DateTimeOffset? expiresAt, string? password, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return "Name who the link is for (a label such as \"Grandma\").";
        }

        if (label.Trim().Length > MaxLabelLength || label.Any(char.IsControl))
        {
            return $"The label must be at most {MaxLabelLength} printable characters.";
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            return "The expiry date must be in the future.";
        }

        if (password is { Length: > 0 } && (password.Length < MinPasswordLength || password.Length > MaxPasswordLength))
        {
            return $"A link password must be {MinPasswordLength} to {MaxPasswordLength} characters long (or leave it empty for none).";
        }

        return null;
    }
}
