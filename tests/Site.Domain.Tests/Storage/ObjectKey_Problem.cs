using Site.Domain.Storage;

namespace Site.Domain.Tests.Storage;

public class ObjectKey_Problem
{
    [Theory]
    [InlineData("photos/2f1c/original.jpg")]
    [InlineData("a")]
    [InlineData("zips/album-1_v2.zip")]
    public void AcceptsRelativeKeysOfSafeCharacters(string key) => Assert.Null(ObjectKey.Problem(key));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("../etc/passwd")]
    [InlineData("photos/../../secret")]
    [InlineData("/absolute/path")]
    [InlineData("photos//double")]
    [InlineData("photos/./here")]
    [InlineData("trailing/")]
    [InlineData("back\\slash")]
    [InlineData("space in name")]
    [InlineData("nul\0byte")]
    [InlineData("emoji/😀.jpg")]
    public void RefusesKeysThatCouldEscapeTheStoreOrAreMalformed(string? key) =>
        Assert.NotNull(ObjectKey.Problem(key));

    [Fact]
    public void RefusesOverlongKeys() =>
        Assert.Contains("at most", ObjectKey.Problem(new string('a', ObjectKey.MaxLength + 1)));

    [Fact]
    public void ValidateThrowsWithTheReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => ObjectKey.Validate("../x"));
        Assert.Contains("'..'", ex.Message);
    }
}
