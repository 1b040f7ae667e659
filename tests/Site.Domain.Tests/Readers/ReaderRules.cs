using Site.Domain.Readers;

namespace Site.Domain.Tests.Readers;

public class BotUserAgents_IsBot
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")]
    [InlineData("Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; .NET CLR 2.0.50727)")]
    public void PeoplesBrowsersAreNotBots(string userAgent) => Assert.False(BotUserAgents.IsBot(userAgent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mozilla")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0)")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)")]
    [InlineData("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31.0")]
    [InlineData("Go-http-client/1.1")]
    [InlineData("wrk")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.1")]
    public void ProgramsAreBots(string? userAgent) => Assert.True(BotUserAgents.IsBot(userAgent));
}

public class ReaderHash_Compute
{
    private static readonly byte[] Salt = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void IsStableForTheSameReaderAndSalt() =>
        Assert.Equal(ReaderHash.Compute(Salt, "203.0.113.5", "UA"), ReaderHash.Compute(Salt, "203.0.113.5", "UA"));

    [Fact]
    public void DiffersByAddressAgentAndSalt()
    {
        var hash = ReaderHash.Compute(Salt, "203.0.113.5", "UA");

        Assert.NotEqual(hash, ReaderHash.Compute(Salt, "203.0.113.6", "UA"));
        Assert.NotEqual(hash, ReaderHash.Compute(Salt, "203.0.113.5", "UA2"));
        Assert.NotEqual(hash, ReaderHash.Compute(ReaderHash.NewSalt(), "203.0.113.5", "UA"));
    }

    [Fact]
    public void KeepsAddressAndAgentApart() =>
        Assert.NotEqual(ReaderHash.Compute(Salt, "1.2.3.4", "5x"), ReaderHash.Compute(Salt, "1.2.3.45", "x"));

    [Fact]
    public void IsHexAndNeverContainsTheAddress()
    {
        var hash = ReaderHash.Compute(Salt, "203.0.113.5", "UA");

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain("203", hash);
    }

    [Fact]
    public void RefusesAShortSalt() => Assert.Throws<ArgumentException>(() => ReaderHash.Compute(new byte[8], "a", "b"));
}

public class ReaderHash_Input
{
    [Fact]
    public void AHugeUserAgentIsHashedLikeAnyOther()
    {
        var salt = ReaderHash.NewSalt();
        var agent = "Mozilla/5.0 " + new string('x', 5000);

        Assert.Equal(ReaderHash.Compute(salt, "1.2.3.4", agent), ReaderHash.Compute(salt, "1.2.3.4", agent));
        Assert.NotEqual(ReaderHash.Compute(salt, "1.2.3.4", agent), ReaderHash.Compute(salt, "1.2.3.4", agent + "y"));
    }

    [Fact]
    public void MatchesSha256OfSaltAddressNewlineAgent()
    {
        var salt = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. salt, .. System.Text.Encoding.UTF8.GetBytes("203.0.113.5\nUA é")]));

        Assert.Equal(expected, ReaderHash.Compute(salt, "203.0.113.5", "UA é"));
    }
}
