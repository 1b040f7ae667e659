using Site.Domain.Accounts;

namespace Site.Domain.Tests.Accounts;

public class GeneratedPassword_Create
{
    [Fact]
    public void IsLongAndHoldsEveryCharacterClass()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = GeneratedPassword.Create();
            Assert.Equal(GeneratedPassword.DefaultLength, password.Length);
            Assert.Contains(password, char.IsUpper);
            Assert.Contains(password, char.IsLower);
            Assert.Contains(password, char.IsDigit);
            Assert.Contains(password, c => !char.IsLetterOrDigit(c));
        }
    }

    [Fact]
    public void LeavesOutLookAlikesAndShellSpecialCharacters()
    {
        var all = string.Concat(Enumerable.Range(0, 200).Select(_ => GeneratedPassword.Create()));
        Assert.DoesNotContain(all, c => "0O1lI!#$'\"`\\ ".Contains(c));
    }

    [Fact]
    public void IsDifferentEveryTime() =>
        Assert.Equal(100, Enumerable.Range(0, 100).Select(_ => GeneratedPassword.Create()).Distinct().Count());

    [Fact]
    public void RefusesShortLengths() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneratedPassword.Create(15));
}
