using System.Text;

namespace Site.Domain.Accounts;

/// <summary>How an authenticator (TOTP) key is shown to a person and handed to an authenticator app.</summary>
public static class AuthenticatorKey
{
    /// <summary>The key in lower-case groups of four, easier to type than one long run of letters.</summary>
    public static string ForReading(string key)
    {
        var text = new StringBuilder(key.Length + key.Length / 4);
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(key[i]));
        }

        return text.ToString();
    }

    /// <summary>
    /// The <c>otpauth://totp/</c> URI that authenticator apps read from a QR code (Key Uri Format): issuer and account
    /// in the label, the Base32 key, six digits every 30 seconds with HMAC-SHA1 — what ASP.NET Core Identity checks.
    /// </summary>
    public static string OtpAuthUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}" +
        $"?secret={Uri.EscapeDataString(key)}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30&algorithm=SHA1";
}
