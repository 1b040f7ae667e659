using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Jobs;
using Site.Data.Mail;
using Site.Data.Persistence;

namespace Site.Data.Accounts;

/// <summary>Sends the mails of the accounts feature; pages call this and never compose or deliver mail themselves.</summary>
public interface IAccountMailer
{
    Task SendPasswordResetAsync(string email, Uri resetLink, CancellationToken cancellationToken = default);
}

/// <summary>
/// Queues account mails on the jobs host's <c>notifications</c> queue: the page answers at once, and a mail server
/// that is briefly down delays the mail instead of losing it.
/// </summary>
public sealed class QueuedAccountMailer(IDbContextFactory<SiteDbContext> contexts, IOptions<AccountOptions> options) : IAccountMailer
{
    public Task SendPasswordResetAsync(string email, Uri resetLink, CancellationToken cancellationToken = default) =>
        EnqueueAsync(AccountMails.PasswordReset(email, resetLink, options.Value.ResetLinkLifetime), cancellationToken);

    private async Task EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await JobQueue.EnqueueAsync(db, SendMail.From(mail), cancellationToken: cancellationToken);
    }
}
