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

        // Runs on every post view: the input is built on the stack (or a pooled buffer for a huge user agent), so the
        // only allocation is the result. The separator keeps ("1.2.3.4", "5x") and ("1.2.3.45", "x") apart.
        var ip = ipAddress ?? "";
        var agent = userAgent ?? "";
        var length = dailySalt.Length + Encoding.UTF8.GetByteCount(ip) + 1 + Encoding.UTF8.GetByteCount(agent);
        byte[]? rented = null;
        var input = length <= 1024 ? stackalloc byte[length] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            dailySalt.CopyTo(input);
            var written = dailySalt.Length + Encoding.UTF8.GetBytes(ip, input[dailySalt.Length..]);
            input[written++] = (byte)'\n';
            Encoding.UTF8.GetBytes(agent, input[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(input, hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A fresh random salt for a new day.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltLength);
}
