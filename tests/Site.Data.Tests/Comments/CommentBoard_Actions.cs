using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Site.Data.Accounts;
using Site.Data.Comments;
using Site.Data.Content;
using Site.Data.Jobs;
using Site.Domain.Blog;
using Site.Domain.Comments;
using Site.TestSupport;

namespace Site.Data.Tests.Comments;

/// <summary>The comment board against a real PostgreSQL: sending, the rate limit, votes, deletes and moderation.</summary>
public sealed class CommentBoard_Actions : IAsyncLifetime
{
    private static readonly PostAddress Queues = new("tech", "queues");
    private static readonly PostAddress Draft = new("tech", "draft");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private CommentBoard _board = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        db.Add(new Post { Number = 1, Category = "tech", Slug = "queues", Title = "Queues", Html = "", PlainText = "", SourcePath = "a", ContentHash = new string('0', 64) });
        db.Add(new Post { Number = 2, Category = "tech", Slug = "draft", Title = "Draft", Html = "", PlainText = "", SourcePath = "b", ContentHash = new string('0', 64), IsDraft = true });
        foreach (var id in new[] { "ana", "ben" })
        {
            db.Users.Add(new SiteUser { Id = id, UserName = id + "@example.org", NormalizedUserName = id.ToUpperInvariant() + "@EXAMPLE.ORG", Email = id + "@example.org" });
        }

        await db.SaveChangesAsync();
        _board = new CommentBoard(_database.CreateContextFactory(), _clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static CommentSender Reader(string client = "client-a", string? userId = null) => new(userId, IsStaff: false, ClientHash: Hash(client));

    private static CommentSender Staff => new("ana", IsStaff: true, ClientHash: Hash("staff"), CanSeeDrafts: true);

    private static string Hash(string client) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(client)));

    private static CommentSubmission Text(string content, string? name = null, string? email = null) => new(content, name, email, null);

    private async Task<int> CountCommentsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Set<Comment>().CountAsync();
    }

    private async Task<int> PendingMailJobsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Jobs.CountAsync(j => j.Type == NotifyPendingComments.Definition.Type);
    }

    [Fact]
    public async Task AReadersCommentWaits_IsRenderedSafely_AndQueuesOneMailForABurst()
    {
        var first = await _board.SendAsync(Queues, null, Text("Nice *post* <script>alert(1)</script>", " Cleo ", "cleo@example.org"), Reader());
        var second = await _board.SendAsync(Queues, null, Text("Me too"), Reader("client-b"));

        Assert.True(first.Accepted);
        Assert.Equal(CommentStatus.Pending, first.Status);
        await using var db = _database.CreateContext();
        var stored = await db.Set<Comment>().SingleAsync(c => c.Id == first.CommentId);
        Assert.Equal("Cleo", stored.AuthorName);
        Assert.Equal("cleo@example.org", stored.AuthorEmail);
        Assert.Contains("<em>post</em>", stored.Html);
        Assert.DoesNotContain("<script>", stored.Html);
        Assert.Equal(64, stored.ClientHash.Length);
        Assert.True(second.Accepted);
        Assert.Equal(1, await PendingMailJobsAsync());
        Assert.Empty(await _board.ForPostAsync(Queues, includePending: false, null));
        Assert.Equal(2, (await _board.ForPostAsync(Queues, includePending: true, null)).Count);
    }

    [Fact]
    public async Task StaffArePublishedAtOnce_WithoutAMail()
    {
        var sent = await _board.SendAsync(Queues, null, Text("From the author"), Staff);

        Assert.Equal(CommentStatus.Approved, sent.Status);
        Assert.Single(await _board.ForPostAsync(Queues, includePending: false, null));
        Assert.Equal(0, await PendingMailJobsAsync());
    }

    [Theory]
    [InlineData("tech", "no-such-post")]
    [InlineData("nowhere", "queues")]
    [InlineData("tech", "draft")]
    public async Task CommentsOnPostsThatDoNotExist_OrDrafts_AreRefusedAndNothingIsStored(string category, string slug)
    {
        var sent = await _board.SendAsync(new PostAddress(category, slug), null, Text("Hello"), Reader());

        Assert.Equal(CommentRules.UnknownPost, sent.Problem);
        Assert.Equal(0, await CountCommentsAsync());
    }

    [Fact]
    public async Task TheAdminMayCommentOnADraft() =>
        Assert.True((await _board.SendAsync(Draft, null, Text("Note to self"), Staff)).Accepted);

    [Fact]
    public async Task ARuleBreakingComment_IsRefusedWithItsSentence_AndNothingIsStored()
    {
        var sent = await _board.SendAsync(Queues, null, new CommentSubmission("Buy now", null, null, "http://spam.example"), Reader());

        Assert.Equal(CommentRules.HoneypotFilled, sent.Problem);
        Assert.Equal(0, await CountCommentsAsync());
        Assert.Equal(0, await PendingMailJobsAsync());
    }

    [Fact]
    public async Task FiveAnHour_ThenTenADay_PerClient()
    {
        for (var i = 0; i < CommentRateLimit.PerHour; i++)
        {
            Assert.True((await _board.SendAsync(Queues, null, Text($"Comment {i}"), Reader())).Accepted);
        }

        Assert.Equal(CommentRateLimit.HourlyLimitReached, (await _board.SendAsync(Queues, null, Text("one more"), Reader())).Problem);
        Assert.True((await _board.SendAsync(Queues, null, Text("another client"), Reader("client-b"))).Accepted);

        _clock.Advance(TimeSpan.FromMinutes(61));
        for (var i = 0; i < CommentRateLimit.PerDay - CommentRateLimit.PerHour; i++)
        {
            Assert.True((await _board.SendAsync(Queues, null, Text($"Later {i}"), Reader())).Accepted);
        }

        _clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(CommentRateLimit.DailyLimitReached, (await _board.SendAsync(Queues, null, Text("too many today"), Reader())).Problem);
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.True((await _board.SendAsync(Queues, null, Text("a new day"), Reader())).Accepted);
        Assert.Equal(12, await CountCommentsAsync());
    }

    [Fact]
    public async Task ParallelBurstsFromOneClient_StopAtTheLimit()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _board.SendAsync(Queues, null, Text($"Burst {i}"), Reader())));

        Assert.Equal(CommentRateLimit.PerHour, results.Count(r => r.Accepted));
        Assert.Equal(CommentRateLimit.PerHour, await CountCommentsAsync());
    }

    [Fact]
    public async Task StaffAreNotRateLimited()
    {
        for (var i = 0; i < CommentRateLimit.PerDay + 1; i++)
        {
            Assert.True((await _board.SendAsync(Queues, null, Text($"Reply {i}"), Staff)).Accepted);
        }
    }

    [Fact]
    public async Task RepliesNestUnderApprovedComments_AndNotUnderPendingOnes()
    {
        var top = await _board.SendAsync(Queues, null, Text("Top"), Staff);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var reply = await _board.SendAsync(Queues, top.CommentId, Text("Reply"), Staff);
        var pending = await _board.SendAsync(Queues, null, Text("Waiting"), Reader());

        var toPending = await _board.SendAsync(Queues, pending.CommentId, Text("Answering a pending one"), Reader("client-b"));
        var toMissing = await _board.SendAsync(Queues, 999_999, Text("Answering nothing"), Reader("client-b"));

        Assert.Equal(CommentRules.UnknownParent, toPending.Problem);
        Assert.Equal(CommentRules.UnknownParent, toMissing.Problem);
        var shown = await _board.ForPostAsync(Queues, includePending: false, null);
        Assert.Equal([(top.CommentId!.Value, 0), (reply.CommentId!.Value, 1)], shown.Select(c => (c.Id, c.Depth)));
    }

    [Fact]
    public async Task Votes_CastUndoAndSwitch_AndKeepCountsAndScore()
    {
        var id = (await _board.SendAsync(Queues, null, Text("Vote on me"), Staff)).CommentId!.Value;

        await _board.VoteAsync(id, "ana", VoteDirection.Up);
        await _board.VoteAsync(id, "ben", VoteDirection.Up);
        Assert.Equal((2, 0, 2), await CountsAsync(id));

        await _board.VoteAsync(id, "ben", VoteDirection.Down);
        Assert.Equal((1, 1, 0), await CountsAsync(id));

        await _board.VoteAsync(id, "ana", VoteDirection.Up);
        Assert.Equal((0, 1, -1), await CountsAsync(id));
        var forBen = Assert.Single(await _board.ForPostAsync(Queues, false, "ben"));
        Assert.Equal(VoteDirection.Down, forBen.ViewerVote);
        Assert.Null(Assert.Single(await _board.ForPostAsync(Queues, false, "ana")).ViewerVote);
    }

    [Fact]
    public async Task ParallelVotesOfManyReaders_AllCount()
    {
        var id = (await _board.SendAsync(Queues, null, Text("Popular"), Staff)).CommentId!.Value;

        await Task.WhenAll(_board.VoteAsync(id, "ana", VoteDirection.Up), _board.VoteAsync(id, "ben", VoteDirection.Up));

        Assert.Equal((2, 0, 2), await CountsAsync(id));
    }

    [Fact]
    public async Task PendingAndMissingComments_CannotBeVotedOn()
    {
        var pending = (await _board.SendAsync(Queues, null, Text("Waiting"), Reader())).CommentId!.Value;

        Assert.Equal(CommentBoard.NotVotable, (await _board.VoteAsync(pending, "ben", VoteDirection.Up)).Problem);
        Assert.Equal(CommentBoard.NotFound, (await _board.VoteAsync(424242, "ben", VoteDirection.Up)).Problem);
    }

    [Fact]
    public async Task TheAuthorOrTheAdminDeletes_RepliesGoWithIt_OthersCannot()
    {
        var bens = (await _board.SendAsync(Queues, null, Text("Ben's"), Reader(userId: "ben"))).CommentId!.Value;
        await _board.ModerateAsync([bens], ModerationAction.Approve);
        var reply = (await _board.SendAsync(Queues, bens, Text("Reply"), Staff)).CommentId!.Value;
        await _board.SendAsync(Queues, reply, Text("Reply to the reply"), Staff);

        Assert.Equal(CommentBoard.NotYours, (await _board.DeleteAsync(bens, "ana", isAdmin: false)).Problem);
        Assert.Equal(CommentBoard.NotYours, (await _board.DeleteAsync(bens, null, isAdmin: false)).Problem);
        Assert.Equal(3, await CountCommentsAsync());

        var deleted = await _board.DeleteAsync(bens, "ben", isAdmin: false);

        Assert.Equal(Queues, deleted.Post);
        Assert.Equal(0, await CountCommentsAsync());
        var adminDeletes = (await _board.SendAsync(Queues, null, Text("Anyone's"), Reader())).CommentId!.Value;
        Assert.Null((await _board.DeleteAsync(adminDeletes, null, isAdmin: true)).Problem);
        Assert.Equal(CommentBoard.NotFound, (await _board.DeleteAsync(adminDeletes, null, isAdmin: true)).Problem);
    }

    [Fact]
    public async Task Moderation_ApprovesRejectsWithANoteAndMarksSpam_InBulk()
    {
        var ids = new List<long>();
        foreach (var client in new[] { "a", "b", "c" })
        {
            ids.Add((await _board.SendAsync(Queues, null, Text("From " + client), Reader(client))).CommentId!.Value);
        }

        Assert.Equal(2, await _board.ModerateAsync([ids[0], ids[1]], ModerationAction.Approve));
        Assert.Equal(0, await _board.ModerateAsync([ids[0]], ModerationAction.Approve));
        Assert.Equal(1, await _board.ModerateAsync([ids[2]], ModerationAction.Reject, "Off topic"));
        Assert.Throws<ArgumentException>(() => _board.ModerateAsync([ids[1]], ModerationAction.Reject, new string('x', CommentModeration.MaxNoteLength + 1)).GetAwaiter().GetResult());

        Assert.Equal(2, (await _board.ForPostAsync(Queues, false, null)).Count);
        var rejected = Assert.Single(await _board.QueueAsync(CommentStatus.Rejected, Queues));
        Assert.Equal("Off topic", rejected.ModerationNote);
        Assert.Equal(0, await _board.PendingCountAsync());
        Assert.Equal(1, await _board.ModerateAsync([ids[0]], ModerationAction.MarkSpam));
        Assert.Single(await _board.ForPostAsync(Queues, false, null));
        Assert.Empty(await _board.QueueAsync(null, Draft));
    }

    [Fact]
    public async Task ChangesReaderCanSee_AnnounceThePost()
    {
        await using var listener = new NpgsqlConnection(_database.ConnectionString);
        await listener.OpenAsync();
        var heard = new List<string>();
        listener.Notification += (_, e) => heard.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {CommentChanges.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var pending = (await _board.SendAsync(Queues, null, Text("Waiting"), Reader())).CommentId!.Value;
        await _board.ModerateAsync([pending], ModerationAction.Approve);
        await listener.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["tech/queues"], heard);
        Assert.True(CommentChanges.TryParse(heard[0], out var post));
        Assert.Equal(Queues, post);
    }

    private async Task<(int Up, int Down, int Score)> CountsAsync(long id)
    {
        await using var db = _database.CreateContext();
        var c = await db.Set<Comment>().SingleAsync(c => c.Id == id);
        return (c.UpVotes, c.DownVotes, c.Score);
    }
}
