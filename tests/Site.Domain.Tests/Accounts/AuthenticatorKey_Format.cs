using Site.Domain.Accounts;

namespace Site.Domain.Tests.Accounts;

public class AuthenticatorKey_Format
{
    [Fact]
    public void ForReadingGroupsByFourInLowerCase() =>
        Assert.Equal("jbsw y3dp ehpk 3px", AuthenticatorKey.ForReading("JBSWY3DPEHPK3PX"));

    [Fact]
    public void OtpAuthUriFollowsTheKeyUriFormat() =>
        Assert.Equal(
            "otpauth://totp/site.example:me%40example.test?secret=JBSWY3DP&issuer=site.example&digits=6&period=30&algorithm=SHA1",
            AuthenticatorKey.OtpAuthUri("site.example", "me@example.test", "JBSWY3DP"));

    [Fact]
    public void OtpAuthUriEscapesALabelThatWouldBreakIt() =>
        Assert.StartsWith("otpauth://totp/My%20Site%3AX:a%2Bb%40example.test?",
            AuthenticatorKey.OtpAuthUri("My Site:X", "a+b@example.test", "KEY"));
}
