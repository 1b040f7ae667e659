using Site.Domain.Accounts;

namespace Site.Domain.Tests.Accounts;

public class LocalReturnUrl_IsLocal
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin")]
    [InlineData("/account/manage?status=welcome")]
    public void SitePathsAreKept(string url) => Assert.Equal(url, LocalReturnUrl.OrDefault(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("admin")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/admin\r\nSet-Cookie: x=1")]
    public void AnythingElseFallsBack(string? url) => Assert.Equal("/home", LocalReturnUrl.OrDefault(url, "/home"));
}
