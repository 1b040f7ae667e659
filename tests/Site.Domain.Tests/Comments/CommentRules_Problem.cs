using Site.Domain.Comments;

namespace Site.Domain.Tests.Comments;

public class CommentRules_Problem
{
    private static string? Check(string? content, string? name = null, string? email = null, string? honeypot = null) =>
        CommentRules.Problem(new CommentSubmission(content, name, email, honeypot));

    [Theory]
    [InlineData("Nice post, thank you.")]
    [InlineData("Three links are fine: https://a.example, https://b.example and www.c.example")]
    [InlineData("Ten of a kind is fine: aaaaaaaaaa")]
    [InlineData("Code:\n```\nvar x = 1;\n```\n")]
    public void AcceptsOrdinaryComments(string content) => Assert.Null(Check(content, "Ana", "ana@example.org"));

    [Fact]
    public void RefusesAFilledHoneypot_EvenForAGoodComment() =>
        Assert.Equal(CommentRules.HoneypotFilled, Check("Nice post.", honeypot: "http://spam.example"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t \r\n")]
    public void RefusesBlankComments(string? content) => Assert.Equal(CommentRules.Blank, Check(content));

    [Fact]
    public void RefusesMoreThan2000Characters_ButTakes2000()
    {
        var words = string.Concat(Enumerable.Repeat("word ", 400));
        Assert.Null(Check(words));
        Assert.Equal(CommentRules.TooLong, Check(words + "x"));
    }

    [Theory]
    [InlineData("https://a.example https://b.example https://c.example https://d.example")]
    [InlineData("[a](https://a.example) [b](/b) www.c.example http://d.example")]
    [InlineData("HTTP://A.EXAMPLE HTTPS://B.EXAMPLE WWW.C.EXAMPLE ftp://d.example")]
    public void RefusesMoreThanThreeLinks(string content) => Assert.Equal(CommentRules.TooManyLinks, Check(content));

    [Theory]
    [InlineData("aaaaaaaaaaa")]
    [InlineData("Great post!!!!!!!!!!!!")]
    [InlineData("hello                       there")]
    public void RefusesACharacterRepeatedElevenTimes(string content) => Assert.Equal(CommentRules.RepeatedCharacters, Check(content));

    [Fact]
    public void RefusesANameOver100Characters() =>
        Assert.Equal(CommentRules.NameTooLong, Check("Hello", name: new string('n', 50) + new string('m', 51)));

    [Theory]
    [InlineData("not an email")]
    [InlineData("a@b")]
    [InlineData("<script>@x.y")]
    public void RefusesAMalformedEmail(string email) => Assert.Equal(CommentRules.BadEmail, Check("Hello", email: email));

    [Fact]
    public void AnEmptyEmailAndNameAreFine() => Assert.Null(Check("Hello", name: "", email: " "));

    [Theory]
    [InlineData("Hello\u0000there")]
    [InlineData("bell\u0007")]
    public void RefusesControlCharacters(string content) => Assert.Equal(CommentRules.ControlCharacters, Check(content));

    [Fact]
    public void EachRefusalIsItsOwnSentence()
    {
        string[] messages =
        [
            CommentRules.HoneypotFilled, CommentRules.Blank, CommentRules.TooLong, CommentRules.NameTooLong, CommentRules.BadEmail,
            CommentRules.TooManyLinks, CommentRules.RepeatedCharacters, CommentRules.ControlCharacters,
            CommentRateLimit.HourlyLimitReached, CommentRateLimit.DailyLimitReached,
        ];
        Assert.Equal(messages.Length, messages.Distinct().Count());
    }

    [Theory]
    [InlineData(null, "Anonymous")]
    [InlineData("  ", "Anonymous")]
    [InlineData(" Ana ", "Ana")]
    public void DisplayNameFallsBackToAnonymous(string? name, string shown) => Assert.Equal(shown, CommentRules.DisplayName(name));
}

public class CommentRateLimit_Problem
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 4)]
    [InlineData(4, 9)]
    public void AllowsUnderTheLimits(int lastHour, int today) => Assert.Null(CommentRateLimit.Problem(lastHour, today));

    [Fact]
    public void TheSixthInAnHourIsRefused() => Assert.Equal(CommentRateLimit.HourlyLimitReached, CommentRateLimit.Problem(5, 5));

    [Fact]
    public void TheEleventhInADayIsRefused() => Assert.Equal(CommentRateLimit.DailyLimitReached, CommentRateLimit.Problem(0, 10));
}

public class CommentVotes_Apply
{
    [Theory]
    [InlineData(null, VoteDirection.Up, VoteDirection.Up, 1, 0)]
    [InlineData(null, VoteDirection.Down, VoteDirection.Down, 0, 1)]
    [InlineData(VoteDirection.Up, VoteDirection.Up, null, -1, 0)]
    [InlineData(VoteDirection.Down, VoteDirection.Down, null, 0, -1)]
    [InlineData(VoteDirection.Up, VoteDirection.Down, VoteDirection.Down, -1, 1)]
    [InlineData(VoteDirection.Down, VoteDirection.Up, VoteDirection.Up, 1, -1)]
    public void MovesTheVoteAndCounts(VoteDirection? current, VoteDirection clicked, VoteDirection? after, int up, int down)
    {
        var change = CommentVotes.Apply(current, clicked);
        Assert.Equal(new VoteChange(after, up, down), change);
        Assert.Equal(up - down, change.ScoreDelta);
    }

    [Fact]
    public void SwitchingMovesTheScoreByTwo() => Assert.Equal(-2, CommentVotes.Apply(VoteDirection.Up, VoteDirection.Down).ScoreDelta);

    [Theory]
    [InlineData("up", VoteDirection.Up)]
    [InlineData(" DOWN ", VoteDirection.Down)]
    [InlineData("sideways", null)]
    [InlineData("1", null)]
    [InlineData(null, null)]
    public void ParsesOnlyUpAndDown(string? value, VoteDirection? expected) => Assert.Equal(expected, CommentVotes.Parse(value));
}

public class CommentThreads_Arrange
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CommentPlace At(long id, int minute, long? parent = null) => new(id, parent, T0.AddMinutes(minute));

    [Fact]
    public void TopLevelNewestFirst_RepliesOldestFirst_Nested()
    {
        var arranged = CommentThreads.Arrange(
        [
            At(1, 0),
            At(2, 10),
            At(3, 20, parent: 1),
            At(4, 5, parent: 1),
            At(5, 30, parent: 4),
            At(6, 40, parent: 2),
        ]);

        Assert.Equal(
            [new(2, 0), new(6, 1), new(1, 0), new(4, 1), new(5, 2), new(3, 1)],
            arranged);
    }

    [Fact]
    public void RepliesToCommentsNotShownAreLeftOut()
    {
        var arranged = CommentThreads.Arrange([At(1, 0), At(2, 5, parent: 99), At(3, 6, parent: 2)]);

        Assert.Equal([new ThreadedComment(1, 0)], arranged);
    }

    [Fact]
    public void ADeepChainDoesNotOverflow()
    {
        var chain = Enumerable.Range(1, 20_000).Select(i => At(i, i, parent: i == 1 ? null : i - 1)).ToList();

        var arranged = CommentThreads.Arrange(chain);

        Assert.Equal(20_000, arranged.Count);
        Assert.Equal(19_999, arranged[^1].Depth);
    }

    [Fact]
    public void NoCommentsNoThreads() => Assert.Empty(CommentThreads.Arrange([]));
}

public class CommentModeration_Rules
{
    [Fact]
    public void StaffArePublishedAtOnce_OthersWait()
    {
        Assert.Equal(CommentStatus.Approved, CommentModeration.InitialStatus(isStaff: true));
        Assert.Equal(CommentStatus.Pending, CommentModeration.InitialStatus(isStaff: false));
    }

    [Theory]
    [InlineData(ModerationAction.Approve, CommentStatus.Approved)]
    [InlineData(ModerationAction.Reject, CommentStatus.Rejected)]
    [InlineData(ModerationAction.MarkSpam, CommentStatus.Spam)]
    public void ActionsLeadToTheirStatus(ModerationAction action, CommentStatus status) => Assert.Equal(status, CommentModeration.ResultOf(action));
}
