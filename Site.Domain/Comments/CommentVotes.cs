namespace Site.Domain.Comments;

/// <summary>A reader's vote on a comment.</summary>
public enum VoteDirection
{
    Up = 1,
    Down = -1,
}

/// <summary>What a vote click does: the reader's vote afterwards and how the comment's counts move.</summary>
public readonly record struct VoteChange(VoteDirection? Vote, int UpDelta, int DownDelta)
{
    /// <summary>Up votes minus down votes: how the score moves.</summary>
    public int ScoreDelta => UpDelta - DownDelta;
}

/// <summary>Voting: a first click casts the vote, the same click again takes it back, the other one switches it.</summary>
public static class CommentVotes
{
    public static VoteChange Apply(VoteDirection? current, VoteDirection clicked) => (current, clicked) switch
    {
        (null, VoteDirection.Up) => new(VoteDirection.Up, 1, 0),
        (null, VoteDirection.Down) => new(VoteDirection.Down, 0, 1),
        (VoteDirection.Up, VoteDirection.Up) => new(null, -1, 0),
        (VoteDirection.Down, VoteDirection.Down) => new(null, 0, -1),
        (VoteDirection.Up, VoteDirection.Down) => new(VoteDirection.Down, -1, 1),
        (VoteDirection.Down, VoteDirection.Up) => new(VoteDirection.Up, 1, -1),
        _ => throw new ArgumentOutOfRangeException(nameof(clicked), clicked, "A vote is up or down."),
    };

    /// <summary>Reads "up" or "down" (any case); null for anything else.</summary>
    public static VoteDirection? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "up" => VoteDirection.Up,
        "down" => VoteDirection.Down,
        _ => null,
    };
}
