using MimeKit;
using Site.Data.Configuration;

namespace Site.Data.Mail;

/// <summary>Turns an <see cref="OutgoingMail"/> into the MIME message both mail adapters send or store.</summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(OutgoingMail mail, MailOptions options)
    {
        if (!MailboxAddress.TryParse(mail.To, out var to))
        {
            throw new ArgumentException($"'{mail.To}' is not a mail address.", nameof(mail));
        }

        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Body = body.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(to);
        return message;
    }
}
