using Site.Domain.Photos;

namespace Site.Domain.Tests.Photos;

public class PhotoFileName_Sanitize
{
    [Theory]
    [InlineData("IMG_0001.JPG", "IMG_0001.JPG")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\Windows\\system.ini", "system.ini")]
    [InlineData("C:\\Users\\me\\Pictures\\holiday.jpg", "holiday.jpg")]
    [InlineData("..", PhotoFileName.Fallback)]
    [InlineData("photos/", PhotoFileName.Fallback)]
    [InlineData("", PhotoFileName.Fallback)]
    [InlineData(null, PhotoFileName.Fallback)]
    [InlineData(".hidden.jpg", "hidden.jpg")]
    [InlineData("name\0with\nnul\r\tand\u0007bell.jpg", "namewithnulandbell.jpg")]
    [InlineData("invoice\u202Egpj.exe", "invoicegpj.exe")]
    [InlineData("what?<is>:this*|\".png", "what__is__this___.png")]
    [InlineData("  spaced  .jpg. . ", "spaced  .jpg")]
    [InlineData("Été à Zürich 😀.heic", "Été à Zürich 😀.heic")]
    public void KeepsOnlyASafeLastSegment(string? given, string expected) => Assert.Equal(expected, PhotoFileName.Sanitize(given));

    [Fact]
    public void LongNamesAreCutKeepingTheExtension()
    {
        var name = PhotoFileName.Sanitize(new string('a', 500) + ".jpeg");
        Assert.Equal(PhotoFileName.MaxLength, name.Length);
        Assert.EndsWith("a.jpeg", name);
    }

    [Fact]
    public void CuttingNeverSplitsASurrogatePair()
    {
        var name = PhotoFileName.Sanitize(new string('a', PhotoFileName.MaxLength - 5) + string.Concat(Enumerable.Repeat("😀", 50)) + ".jpg");
        Assert.True(name.Length <= PhotoFileName.MaxLength);
        Assert.False(name.Any(char.IsSurrogate) && !System.Text.Rune.TryGetRuneAt(name, name.Length - 5, out _));
        Assert.Equal(name, name.Normalize());
        Assert.EndsWith(".jpg", name);
        Assert.DoesNotContain('\uFFFD', System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public void DecomposedAccentsAreComposed() => Assert.Equal("\u00e9.jpg", PhotoFileName.Sanitize("e\u0301.jpg"));
}
