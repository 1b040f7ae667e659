using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;

namespace Site.Data.Mail;

/// <summary>Writes each message as an .eml file, for running without a mail server; any mail client opens them.</summary>
public sealed class FolderMailSender(IOptions<MailOptions> options, TimeProvider clock, ILogger<FolderMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var message = MimeMessageFactory.Create(mail, settings);
        var folder = Path.GetFullPath(settings.Folder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path, cancellationToken);
        logger.LogInformation("Mail to {To} ({Subject}) written to {Path}", mail.To, mail.Subject, path);
    }
}
