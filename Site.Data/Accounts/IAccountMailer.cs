using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Mail;

namespace Site.Data.Accounts;

/// <summary>Sends the mails of the accounts feature; pages call this and never compose or deliver mail themselves.</summary>
public interface IAccountMailer
{
    Task SendPasswordResetAsync(string email, Uri resetLink, CancellationToken cancellationToken = default);
}

/// <summary>
/// Delivers account mails at once through <see cref="IMailSender"/>. It stands in until the jobs host's durable
/// <c>notifications</c> queue exists: then the one delivery line below becomes an enqueue of the same
/// <see cref="OutgoingMail"/> (retried by the queue), and nothing else changes.
/// </summary>
public sealed class ImmediateAccountMailer(IMailSender sender, IOptions<AccountOptions> options) : IAccountMailer
{
    public Task SendPasswordResetAsync(string email, Uri resetLink, CancellationToken cancellationToken = default) =>
        DeliverAsync(AccountMails.PasswordReset(email, resetLink, options.Value.ResetLinkLifetime), cancellationToken);

    private Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
        sender.SendAsync(mail, cancellationToken);
}
