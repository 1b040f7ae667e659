using System.Security.Cryptography;
using System.Text;

namespace Site.Domain.Readers;

/// <summary>
/// Who read a post, without knowing who: SHA-256 over a salt, the address and the user agent. The salt is random per
/// day and lives only in memory (never beside the hashes), so a stored hash cannot be tied back to an address by
/// trying them all, and the same reader on another day is a different hash.
/// </summary>
public static class ReaderHash
{
    public const int SaltLength = 32;

    /// <summary>The hash as 64 lower-case hex characters.</summary>
    public static string Compute(ReadOnlySpan<byte> dailySalt, string? ipAddress, string? userAgent)
    {
        if (dailySalt.Length < SaltLength)
        {
            throw new ArgumentException($"The salt must be at least {SaltLength} bytes.", nameof(dailySalt));
        }

        // The separator keeps ("1.2.3.4", "5x") and ("1.2.3.45", "x") apart.
        var text = Encoding.UTF8.GetBytes((ipAddress ?? "") + "\n" + (userAgent ?? ""));
        var input = new byte[dailySalt.Length + text.Length];
        dailySalt.CopyTo(input);
        text.CopyTo(input, dailySalt.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>A fresh random salt for a new day.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltLength);
}
