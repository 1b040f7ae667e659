using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Site.Data.Accounts;
using Site.Data.Configuration;

namespace Site.Blazor.Accounts;

/// <summary>
/// "Forgot password": mails a single-use, expiring reset link when the address has an account, and answers the same
/// way and after the same minimum time when it has none, so the form cannot be used to find out who has an account.
/// </summary>
public sealed class PasswordResetRequests(
    UserManager<SiteUser> users,
    IAccountMailer mailer,
    IOptions<AccountOptions> options,
    ILogger<PasswordResetRequests> logger)
{
    public const string ResetPath = "account/reset-password";

    /// <summary>Every request takes at least this long, so sending a mail does not show in the answer's timing.</summary>
    private static readonly TimeSpan MinimumAnswerTime = TimeSpan.FromMilliseconds(400);

    public async Task RequestAsync(string email, Uri requestBaseUri, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var user = await users.FindByEmailAsync(email);
            if (user?.Email is null)
            {
                logger.LogInformation("Password reset asked for an address without an account");
                return;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            await mailer.SendPasswordResetAsync(user.Email, ResetLink(requestBaseUri, user.Id, token), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The answer must not differ for existing accounts; the failure is for the operator's log.
            logger.LogError(ex, "Could not send a password reset mail");
        }
        finally
        {
            var remaining = MinimumAnswerTime - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, cancellationToken);
            }
        }
    }

    /// <summary>The token travels Base64url-encoded, so no mail client or proxy mangles it.</summary>
    public static string DecodeToken(string code) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));

    private Uri ResetLink(Uri requestBaseUri, string userId, string token)
    {
        var baseUri = options.Value.PublicBaseUrl is { Length: > 0 } configured ? new Uri(configured) : requestBaseUri;
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return new Uri(baseUri, $"/{ResetPath}?user={Uri.EscapeDataString(userId)}&code={code}");
    }
}
