using Site.Domain.Albums;

namespace Site.Domain.Tests.Albums;

public class AlbumSlug_Rules
{
    [Theory]
    [InlineData("Summer in Lisbon", "summer-in-lisbon")]
    [InlineData("  Crème Brûlée & Café  ", "creme-brulee-cafe")]
    [InlineData("2024: Year / in Review!", "2024-year-in-review")]
    [InlineData("東京", "album")]
    [InlineData("", "album")]
    [InlineData(null, "album")]
    public void FromTitle_MakesALowerCaseHyphenatedSlug(string? title, string expected) =>
        Assert.Equal(expected, AlbumSlug.FromTitle(title));

    [Fact]
    public void FromTitle_LeavesRoomForASuffix_AndNeverEndsWithAHyphen()
    {
        var slug = AlbumSlug.FromTitle(string.Join(' ', Enumerable.Repeat("word", 60)));
        Assert.True(slug.Length <= AlbumSlug.MaxLength - 6);
        Assert.False(slug.EndsWith('-'));
        Assert.Null(AlbumSlug.Problem(slug));
    }

    [Fact]
    public void MakeUnique_AddsTheFirstFreeNumber()
    {
        Assert.Equal("trip", AlbumSlug.MakeUnique("trip", new HashSet<string>()));
        Assert.Equal("trip-1", AlbumSlug.MakeUnique("trip", new HashSet<string> { "trip" }));
        Assert.Equal("trip-3", AlbumSlug.MakeUnique("trip", new HashSet<string> { "trip", "trip-1", "trip-2", "trip-4" }));
    }

    [Fact]
    public void MakeUnique_ShortensALongSlugToFitItsSuffix()
    {
        var longest = new string('a', AlbumSlug.MaxLength);
        var unique = AlbumSlug.MakeUnique(longest, new HashSet<string> { longest });
        Assert.Equal(AlbumSlug.MaxLength, unique.Length);
        Assert.EndsWith("-1", unique);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("double--hyphen")]
    [InlineData("slash/es")]
    [InlineData("../etc")]
    [InlineData("sp ace")]
    public void Problem_RefusesSlugsThatAreNotAddresses(string slug) => Assert.NotNull(AlbumSlug.Problem(slug));

    [Fact]
    public void Problem_RefusesATooLongSlug() => Assert.NotNull(AlbumSlug.Problem(new string('a', AlbumSlug.MaxLength + 1)));

    [Theory]
    [InlineData(null, true)]
    [InlineData("   ", true)]
    [InlineData("Holiday\u0000", true)]
    [InlineData("Holiday", false)]
    public void TitleProblem_ExplainsEmptyAndControlCharacters(string? title, bool refused) =>
        Assert.Equal(refused, AlbumText.TitleProblem(title) is not null);

    [Fact]
    public void TitleAndDescription_HaveLengthLimits()
    {
        Assert.NotNull(AlbumText.TitleProblem(new string('t', AlbumText.MaxTitleLength + 1)));
        Assert.NotNull(AlbumText.DescriptionProblem(new string('d', AlbumText.MaxDescriptionLength + 1)));
        Assert.Null(AlbumText.DescriptionProblem(null));
    }
}
