using Site.Data.Accounts;

namespace Site.Data.Tests.Accounts;

public class AccountMails_PasswordReset
{
    [Fact]
    public void NamesTheAccountTheSiteTheLinkAndHowLongItWorks()
    {
        var link = new Uri("https://site.example/account/reset-password?user=1&code=abc");

        var mail = AccountMails.PasswordReset("me@example.test", link, TimeSpan.FromMinutes(30));

        Assert.Equal("me@example.test", mail.To);
        Assert.Equal("Reset your password on site.example", mail.Subject);
        Assert.Contains("the account me@example.test on site.example", mail.TextBody);
        Assert.Contains(link.ToString(), mail.TextBody);
        Assert.Contains("within 30 minutes", mail.TextBody);
        Assert.Contains("ignore this mail", mail.TextBody);
    }

    [Theory]
    [InlineData(3600, "within 1 hour")]
    [InlineData(7200, "within 2 hours")]
    [InlineData(86400, "within 1 day")]
    [InlineData(2, "within 2 seconds")]
    public void DescribesTheLifetimeInWords(int seconds, string expected) =>
        Assert.Contains(expected, AccountMails.PasswordReset("a@example.test", new Uri("https://x.example/r"), TimeSpan.FromSeconds(seconds)).TextBody);
}
