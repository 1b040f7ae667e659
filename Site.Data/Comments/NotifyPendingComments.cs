using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Site.Data.Accounts;
using Site.Data.Configuration;
using Site.Data.Jobs;
using Site.Data.Mail;
using Site.Data.Persistence;
using Site.Domain.Comments;
using Site.Domain.Jobs;

namespace Site.Data.Comments;

/// <summary>
/// Tells the admins by mail that comments wait for moderation. Enqueued with each pending comment, idempotently and a
/// little later, so a burst of comments makes one mail that counts them all rather than one mail each.
/// </summary>
public sealed record NotifyPendingComments : IJob
{
    public const string IdempotencyKey = "pending-comments";

    /// <summary>How long the mail waits for more comments to gather.</summary>
    public static readonly TimeSpan GatherFor = TimeSpan.FromMinutes(1);

    public static JobDefinition Definition { get; } = new("comments.notify-pending", JobQueues.Notifications)
    {
        Retry = new JobRetryPolicy(3, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10)),
        Timeout = TimeSpan.FromMinutes(2),
    };
}

/// <summary>Counts the pending comments and mails every admin account through the configured mail adapter.</summary>
public sealed class NotifyPendingCommentsHandler(
    IDbContextFactory<SiteDbContext> databases,
    IMailSender mail,
    IOptions<SiteIdentityOptions> site) : IJobHandler<NotifyPendingComments>
{
    public async Task RunAsync(NotifyPendingComments job, JobRunContext context, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var pending = await db.Set<Comment>().CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
        if (pending == 0)
        {
            return;
        }

        var admins = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            join user in db.Users on userRole.UserId equals user.Id
            where role.NormalizedName == AccountRoles.Admin.ToUpperInvariant() && user.Email != null
            select user.Email!).Distinct().ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            await mail.SendAsync(PendingCommentsMail(admin, pending, site.Value), cancellationToken);
        }
    }

    public static OutgoingMail PendingCommentsMail(string to, int pending, SiteIdentityOptions site)
    {
        var subject = pending == 1 ? $"A comment waits for moderation on {site.Name}" : $"{pending} comments wait for moderation on {site.Name}";
        var text =
            $"""
            {(pending == 1 ? "One comment waits" : $"{pending} comments wait")} for your approval on {site.Name}.

            Approve, reject or mark them as spam here:
            {site.Absolute("/admin/comments")}
            """;
        return new OutgoingMail(to, subject, text);
    }
}
