namespace Site.Domain.Comments;

/// <summary>Where a comment is in moderation. Only approved comments are shown to readers.</summary>
public enum CommentStatus
{
    Pending,
    Approved,
    Rejected,
    Spam,
}

/// <summary>What moderation can do to comments.</summary>
public enum ModerationAction
{
    Approve,
    Reject,
    MarkSpam,
}

/// <summary>Moderation rules: which status an action leads to, and what a rejection note may be.</summary>
public static class CommentModeration
{
    public const int MaxNoteLength = 500;

    public static readonly string NoteTooLong = $"The note is too long: at most {MaxNoteLength} characters.";

    public static CommentStatus ResultOf(ModerationAction action) => action switch
    {
        ModerationAction.Approve => CommentStatus.Approved,
        ModerationAction.Reject => CommentStatus.Rejected,
        ModerationAction.MarkSpam => CommentStatus.Spam,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Staff (the admin) are trusted: their comments are published at once; everyone else's waits.</summary>
    public static CommentStatus InitialStatus(bool isStaff) => isStaff ? CommentStatus.Approved : CommentStatus.Pending;
}
