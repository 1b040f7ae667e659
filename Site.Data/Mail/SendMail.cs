using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Data.Mail;

/// <summary>
/// One mail, delivered by the jobs host on the <c>notifications</c> queue, so a mail server that is down for a while
/// delays the mail instead of losing it (three attempts with back-off, then a failed job the admin can retry).
/// </summary>
public sealed record SendMail(string To, string Subject, string TextBody, string? HtmlBody) : IJob
{
    public static JobDefinition Definition { get; } = new("mail.send", JobQueues.Notifications)
    {
        Retry = new JobRetryPolicy(3, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10)),
        Timeout = TimeSpan.FromMinutes(2),
    };

    public static SendMail From(OutgoingMail mail) => new(mail.To, mail.Subject, mail.TextBody, mail.HtmlBody);
}

/// <summary>Delivers a queued <see cref="SendMail"/> through the configured mail adapter.</summary>
public sealed class SendMailHandler(IMailSender sender) : IJobHandler<SendMail>
{
    public Task RunAsync(SendMail job, JobRunContext context, CancellationToken cancellationToken) =>
        sender.SendAsync(new OutgoingMail(job.To, job.Subject, job.TextBody, job.HtmlBody), cancellationToken);
}
