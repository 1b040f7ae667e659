using Microsoft.EntityFrameworkCore;
using Site.Data.Content;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Blog;
using Site.Domain.Comments;

namespace Site.Data.Comments;

/// <summary>Who sends a comment: a signed-in account (staff or not) or an anonymous reader.</summary>
/// <param name="UserId">The account, or null for an anonymous reader.</param>
/// <param name="IsStaff">Staff comments are published at once and not rate limited.</param>
/// <param name="ClientHash">The salted hash of the sender's address and user agent that the rate limit counts.</param>
/// <param name="CanSeeDrafts">The admin may comment on drafts, since only the admin can see them.</param>
public sealed record CommentSender(string? UserId, bool IsStaff, string ClientHash, bool CanSeeDrafts = false);

/// <summary>What sending a comment did: stored (with its status) or refused (with the sentence that says why).</summary>
public sealed record CommentSent(long? CommentId, CommentStatus? Status, string? Problem)
{
    public bool Accepted => Problem is null;

    public static CommentSent Refused(string problem) => new(null, null, problem);
}

/// <summary>A comment as the post page shows it, in thread order.</summary>
public sealed record CommentView(
    long Id,
    long? ParentId,
    int Depth,
    string AuthorName,
    string Html,
    DateTimeOffset CreatedAt,
    CommentStatus Status,
    int UpVotes,
    int DownVotes,
    int Score,
    string? UserId,
    VoteDirection? ViewerVote);

/// <summary>A comment as the moderation queue shows it.</summary>
public sealed record ModerationItem(
    long Id,
    PostAddress Post,
    string PostTitle,
    bool IsReply,
    string AuthorName,
    string? AuthorEmail,
    bool SignedIn,
    string Html,
    CommentStatus Status,
    string? ModerationNote,
    DateTimeOffset CreatedAt);

/// <summary>What a vote or delete did: the post whose page changed, or why nothing happened.</summary>
public sealed record CommentActionResult(PostAddress? Post, string? Problem)
{
    public static CommentActionResult Refused(string problem) => new(null, problem);
}

/// <summary>
/// Everything done to comments: sending (rules, rate limit, rendering, the moderation mail), listing for the post page,
/// voting, deleting and moderating. Every change to what readers see sends <see cref="CommentChanges"/> in its
/// transaction, so each web host evicts that post's cached page.
/// </summary>
public sealed class CommentBoard(IDbContextFactory<SiteDbContext> databases, TimeProvider clock)
{
    public const string NotFound = "That comment does not exist (it may have been deleted).";
    public const string NotYours = "Only the comment's author or the admin can delete it.";
    public const string NotVotable = "Only published comments can be voted on.";

    public async Task<CommentSent> SendAsync(PostAddress address, long? parentId, CommentSubmission submission, CommentSender sender, CancellationToken cancellationToken = default)
    {
        if (CommentRules.Problem(submission) is { } problem)
        {
            return CommentSent.Refused(problem);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var post = await db.Set<Post>().AsNoTracking()
            .Where(p => p.Category == address.Category && p.Slug == address.Slug && (sender.CanSeeDrafts || !p.IsDraft))
            .Select(p => new { p.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (post is null)
        {
            return CommentSent.Refused(CommentRules.UnknownPost);
        }

        if (parentId is { } parent
            && !await db.Set<Comment>().AnyAsync(c => c.Id == parent && c.PostId == post.Id && (sender.IsStaff || c.Status == CommentStatus.Approved), cancellationToken))
        {
            return CommentSent.Refused(CommentRules.UnknownParent);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!sender.IsStaff)
        {
            // One client's comments are counted and stored one at a time (a lock per client for this transaction), so
            // a burst of parallel posts cannot all pass the count before any is stored.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"comments:" + sender.ClientHash}, 0))", cancellationToken);
            var recent = db.Set<Comment>().Where(c => c.ClientHash == sender.ClientHash);
            var today = await recent.CountAsync(c => c.CreatedAt > now.AddDays(-1), cancellationToken);
            var lastHour = await recent.CountAsync(c => c.CreatedAt > now.AddHours(-1), cancellationToken);
            if (CommentRateLimit.Problem(lastHour, today) is { } limited)
            {
                return CommentSent.Refused(limited);
            }
        }

        var comment = new Comment
        {
            PostId = post.Id,
            ParentId = parentId,
            UserId = sender.UserId,
            AuthorName = CommentRules.DisplayName(submission.Name),
            AuthorEmail = sender.UserId is null && !string.IsNullOrWhiteSpace(submission.Email) ? submission.Email.Trim() : null,
            Markdown = submission.Content!,
            Html = CommentMarkdown.ToHtml(submission.Content!),
            Status = CommentModeration.InitialStatus(sender.IsStaff),
            CreatedAt = now,
            ClientHash = sender.ClientHash,
        };
        db.Add(comment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation })
        {
            // The comment replied to (or the post) was deleted between the check above and this insert.
            return CommentSent.Refused(parentId is null ? CommentRules.UnknownPost : CommentRules.UnknownParent);
        }

        if (comment.Status == CommentStatus.Pending)
        {
            await JobQueue.EnqueueAsync(db, new NotifyPendingComments(),
                new JobEnqueueOptions { IdempotencyKey = NotifyPendingComments.IdempotencyKey, RunAt = now + NotifyPendingComments.GatherFor }, cancellationToken);
        }
        else
        {
            await CommentChanges.NotifyAsync(db, address, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new CommentSent(comment.Id, comment.Status, null);
    }

    /// <summary>The post's comments in thread order: approved ones, plus pending ones when the viewer moderates.</summary>
    public async Task<IReadOnlyList<CommentView>> ForPostAsync(PostAddress address, bool includePending, string? viewerUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from comment in db.Set<Comment>().AsNoTracking()
            join post in db.Set<Post>() on comment.PostId equals post.Id
            where post.Category == address.Category && post.Slug == address.Slug
                && (comment.Status == CommentStatus.Approved || (includePending && comment.Status == CommentStatus.Pending))
            select comment).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var votes = viewerUserId is null
            ? new Dictionary<long, VoteDirection>()
            : await db.Set<CommentVote>().AsNoTracking()
                .Where(v => v.UserId == viewerUserId && rows.Select(r => r.Id).Contains(v.CommentId))
                .ToDictionaryAsync(v => v.CommentId, v => v.Direction, cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return CommentThreads.Arrange(rows.Select(r => new CommentPlace(r.Id, r.ParentId, r.CreatedAt)))
            .Select(t =>
            {
                var c = byId[t.Id];
                return new CommentView(c.Id, c.ParentId, t.Depth, c.AuthorName, c.Html, c.CreatedAt, c.Status, c.UpVotes, c.DownVotes, c.Score, c.UserId,
                    votes.TryGetValue(c.Id, out var vote) ? vote : null);
            })
            .ToList();
    }

    public async Task<CommentActionResult> VoteAsync(long commentId, string userId, VoteDirection clicked, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The comment's row lock puts one reader's clicks (and everyone's count updates) in a line.
        var comment = await db.Set<Comment>()
            .FromSql($"SELECT * FROM comments WHERE id = {commentId} FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return CommentActionResult.Refused(NotFound);
        }

        if (comment.Status != CommentStatus.Approved)
        {
            return CommentActionResult.Refused(NotVotable);
        }

        var existing = await db.Set<CommentVote>().FirstOrDefaultAsync(v => v.CommentId == commentId && v.UserId == userId, cancellationToken);
        var change = CommentVotes.Apply(existing?.Direction, clicked);
        switch (existing, change.Vote)
        {
            case (null, { } cast):
                db.Add(new CommentVote { CommentId = commentId, UserId = userId, Direction = cast, VotedAt = clock.GetUtcNow() });
                break;
            case ({ } vote, null):
                db.Remove(vote);
                break;
            case ({ } vote, { } switched):
                vote.Direction = switched;
                vote.VotedAt = clock.GetUtcNow();
                break;
        }

        comment.UpVotes += change.UpDelta;
        comment.DownVotes += change.DownDelta;
        comment.Score += change.ScoreDelta;
        await db.SaveChangesAsync(cancellationToken);
        var address = await AddressOfAsync(db, comment.PostId, cancellationToken);
        await CommentChanges.NotifyAsync(db, address, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CommentActionResult(address, null);
    }

    /// <summary>Deletes a comment and, with it, every reply under it. The author or the admin only.</summary>
    public async Task<CommentActionResult> DeleteAsync(long commentId, string? userId, bool isAdmin, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var comment = await db.Set<Comment>().FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken);
        if (comment is null)
        {
            return CommentActionResult.Refused(NotFound);
        }

        if (!isAdmin && (userId is null || comment.UserId != userId))
        {
            return CommentActionResult.Refused(NotYours);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Remove(comment);
        await db.SaveChangesAsync(cancellationToken);
        var address = await AddressOfAsync(db, comment.PostId, cancellationToken);
        await CommentChanges.NotifyAsync(db, address, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CommentActionResult(address, null);
    }

    /// <summary>Approves, rejects (with an optional note) or marks as spam; returns how many comments changed.</summary>
    public async Task<int> ModerateAsync(IReadOnlyCollection<long> commentIds, ModerationAction action, string? note = null, CancellationToken cancellationToken = default)
    {
        if (note is { Length: > CommentModeration.MaxNoteLength })
        {
            throw new ArgumentException(CommentModeration.NoteTooLong, nameof(note));
        }

        if (commentIds.Count == 0)
        {
            return 0;
        }

        var status = CommentModeration.ResultOf(action);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var comments = await db.Set<Comment>().Where(c => commentIds.Contains(c.Id) && c.Status != status).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var comment in comments)
        {
            comment.Status = status;
            comment.ModeratedAt = now;
            comment.ModerationNote = action == ModerationAction.Reject && !string.IsNullOrWhiteSpace(note) ? note.Trim() : null;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var postId in comments.Select(c => c.PostId).Distinct())
        {
            await CommentChanges.NotifyAsync(db, await AddressOfAsync(db, postId, cancellationToken), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return comments.Count;
    }

    /// <summary>The moderation queue, newest first, filtered by status and post.</summary>
    public async Task<IReadOnlyList<ModerationItem>> QueueAsync(CommentStatus? status, PostAddress? post, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query =
            from comment in db.Set<Comment>().AsNoTracking()
            join p in db.Set<Post>() on comment.PostId equals p.Id
            select new { comment, p.Category, p.Slug, p.Title };
        if (status is { } wanted)
        {
            query = query.Where(r => r.comment.Status == wanted);
        }

        if (post is { } address)
        {
            query = query.Where(r => r.Category == address.Category && r.Slug == address.Slug);
        }

        var rows = await query.OrderByDescending(r => r.comment.CreatedAt).ThenByDescending(r => r.comment.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(r => new ModerationItem(
            r.comment.Id, new PostAddress(r.Category, r.Slug), r.Title, r.comment.ParentId is not null, r.comment.AuthorName, r.comment.AuthorEmail,
            r.comment.UserId is not null, r.comment.Html, r.comment.Status, r.comment.ModerationNote, r.comment.CreatedAt)).ToList();
    }

    /// <summary>The posts that have comments, for the moderation queue's filter.</summary>
    public async Task<IReadOnlyList<(PostAddress Address, string Title)>> CommentedPostsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<Post>().AsNoTracking()
            .Where(p => db.Set<Comment>().Any(c => c.PostId == p.Id))
            .OrderBy(p => p.Title)
            .Select(p => new { p.Category, p.Slug, p.Title })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (new PostAddress(r.Category, r.Slug), r.Title)).ToList();
    }

    /// <summary>The post a comment belongs to, or null when there is no such comment.</summary>
    public async Task<PostAddress?> PostOfAsync(long commentId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var post = await (
            from comment in db.Set<Comment>()
            join p in db.Set<Post>() on comment.PostId equals p.Id
            where comment.Id == commentId
            select new { p.Category, p.Slug }).FirstOrDefaultAsync(cancellationToken);
        return post is null ? null : new PostAddress(post.Category, post.Slug);
    }

    public async Task<int> PendingCountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<Comment>().CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
    }

    private static async Task<PostAddress> AddressOfAsync(SiteDbContext db, int postId, CancellationToken cancellationToken)
    {
        var post = await db.Set<Post>().AsNoTracking().Where(p => p.Id == postId).Select(p => new { p.Category, p.Slug }).FirstAsync(cancellationToken);
        return new PostAddress(post.Category, post.Slug);
    }
}
