using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Site.Data.Accounts;
using Site.Data.Comments;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.Data.Jobs;
using Site.Data.Mail;
using Site.Domain.Comments;
using Site.TestSupport;

namespace Site.Data.Tests.Comments;

/// <summary>The moderation mail: every admin hears how many comments wait, and nobody hears of nothing.</summary>
public sealed class NotifyPendingComments_Mail : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly RecordingSender _mail = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        db.Add(new Post { Number = 1, Category = "tech", Slug = "queues", Title = "Queues", Html = "", PlainText = "", SourcePath = "a", ContentHash = new string('0', 64) });
        var role = new IdentityRole(AccountRoles.Admin) { NormalizedName = AccountRoles.Admin.ToUpperInvariant() };
        db.Roles.Add(role);
        db.Users.Add(new SiteUser { Id = "owner", UserName = "owner@example.org", Email = "owner@example.org" });
        db.Users.Add(new SiteUser { Id = "reader", UserName = "reader@example.org", Email = "reader@example.org" });
        db.UserRoles.Add(new IdentityUserRole<string> { RoleId = role.Id, UserId = "owner" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private NotifyPendingCommentsHandler Handler() =>
        new(_database.CreateContextFactory(), _mail, Options.Create(new SiteIdentityOptions { Name = "Test Blog", BaseUrl = "https://blog.example.org" }));

    [Fact]
    public async Task MailsTheAdminsTheCountAndTheQueuesAddress()
    {
        var board = new CommentBoard(_database.CreateContextFactory(), TimeProvider.System);
        await board.SendAsync(new("tech", "queues"), null, new CommentSubmission("One", null, null, null), new CommentSender(null, false, new string('a', 64)));
        await board.SendAsync(new("tech", "queues"), null, new CommentSubmission("Two", null, null, null), new CommentSender(null, false, new string('b', 64)));

        await Handler().RunAsync(new NotifyPendingComments(), new JobRunContext(1, 1, 1), CancellationToken.None);

        var mail = Assert.Single(_mail.Sent);
        Assert.Equal("owner@example.org", mail.To);
        Assert.Equal("2 comments wait for moderation on Test Blog", mail.Subject);
        Assert.Contains("https://blog.example.org/admin/comments", mail.TextBody);
    }

    [Fact]
    public async Task NothingPending_NoMail()
    {
        await Handler().RunAsync(new NotifyPendingComments(), new JobRunContext(1, 1, 1), CancellationToken.None);

        Assert.Empty(_mail.Sent);
    }

    private sealed class RecordingSender : IMailSender
    {
        public List<OutgoingMail> Sent { get; } = [];

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            Sent.Add(mail);
            return Task.CompletedTask;
        }
    }
}
