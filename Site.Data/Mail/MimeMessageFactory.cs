using System.Diagnostics.CodeAnalysis;
using MimeKit;
using Site.Data.Configuration;

namespace Site.Data.Mail;

/// <summary>Turns an <see cref="OutgoingMail"/> into the MIME message both mail adapters send or store.</summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(OutgoingMail mail, MailOptions options)
    {
        if (!TryParseAddress(mail.To, out var to))
        {
            throw new ArgumentException($"'{mail.To}' is not a mail address; a recipient looks like name@example.com.", nameof(mail));
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

    /// <summary>
    /// One deliverable mailbox, with or without a display name. MimeKit alone also accepts a bare local part such as
    /// "alice", which no server can deliver, so a domain is required too.
    /// </summary>
    public static bool TryParseAddress(string? text, [NotNullWhen(true)] out MailboxAddress? address)
    {
        if (MailboxAddress.TryParse(text ?? "", out var parsed) && parsed.LocalPart.Length > 0 && parsed.Domain.Length > 0)
        {
            address = parsed;
            return true;
        }

        address = null;
        return false;
    }
}
