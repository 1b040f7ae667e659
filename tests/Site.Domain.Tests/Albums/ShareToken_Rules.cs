using Site.Domain.Albums;

namespace Site.Domain.Tests.Albums;

public class ShareToken_Rules
{
    [Fact]
    public void Create_GivesAtLeast128RandomBits_InAUrlSafeForm()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => ShareToken.Create()).ToList();
        Assert.Equal(200, tokens.Distinct().Count());
        Assert.All(tokens, token =>
        {
            Assert.True(ShareToken.IsWellFormed(token), token);
            Assert.Equal(Uri.EscapeDataString(token), token);
        });
        Assert.True(ShareToken.Bytes * 8 >= 128);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'--")]
    public void IsWellFormed_RefusesAnythingButATokenShape(string? token) => Assert.False(ShareToken.IsWellFormed(token));

    [Fact]
    public void Hash_IsStableAndDoesNotContainTheToken()
    {
        // The stored form is the SHA-256 of the token in lower-case hex (worked out outside this code), so a link made
        // by one web host is found by any other.
        Assert.Equal("0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a", ShareToken.Hash(new string('A', 43)));

        var token = ShareToken.Create();
        Assert.Equal(64, ShareToken.Hash(token).Length);
        Assert.DoesNotContain(token, ShareToken.Hash(token));
        Assert.NotEqual(ShareToken.Hash(token), ShareToken.Hash(ShareToken.Create()));
    }

    [Fact]
    public void StateAt_RevokedWinsOverExpiry_AndExpiryIsExclusive()
    {
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(ShareLinkState.Valid, ShareLinkRules.StateAt(now, null, null));
        Assert.Equal(ShareLinkState.Valid, ShareLinkRules.StateAt(now, now.AddSeconds(1), null));
        Assert.Equal(ShareLinkState.Expired, ShareLinkRules.StateAt(now, now, null));
        Assert.Equal(ShareLinkState.Revoked, ShareLinkRules.StateAt(now, now.AddDays(-1), now.AddDays(-2)));
    }

    [Fact]
    public void Problem_ExplainsEachBadSetting()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Null(ShareLinkRules.Problem("Grandma", null, null, now));
        Assert.Null(ShareLinkRules.Problem("Grandma", now.AddDays(1), "secret1", now));
        Assert.Contains("label", ShareLinkRules.Problem(" ", null, null, now));
        Assert.Contains("label", ShareLinkRules.Problem(new string('x', ShareLinkRules.MaxLabelLength + 1), null, null, now));
        Assert.Contains("future", ShareLinkRules.Problem("Grandma", now.AddMinutes(-1), null, now));
        Assert.Contains("password", ShareLinkRules.Problem("Grandma", null, "123", now));
    }
}
