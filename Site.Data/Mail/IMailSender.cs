namespace Site.Data.Mail;

/// <summary>One message to one recipient; <see cref="HtmlBody"/> is optional, the text body is always sent.</summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>Sends mail: over SMTP in production, into a folder of .eml files by default.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
