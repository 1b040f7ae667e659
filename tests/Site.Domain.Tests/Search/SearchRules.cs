using Site.Domain.Search;

namespace Site.Domain.Tests.Search;

public class SearchQueryText_Normalize
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    [InlineData("  django   tutorial \n", "django tutorial")]
    [InlineData("a\0b\u0001c", "a b c")]
    [InlineData("x\uE000y\uE001z", "xyz")]
    [InlineData("\"quoted\" -minus or 'x'", "\"quoted\" -minus or 'x'")]
    [InlineData("café 🎉 日本", "café 🎉 日本")]
    public void CleansWithoutChangingMeaning(string? raw, string expected) => Assert.Equal(expected, SearchQueryText.Normalize(raw));

    [Fact]
    public void DropsUnpairedSurrogates_WhichPostgreSqlWouldRefuse()
    {
        // Built at run time: attribute strings are stored as UTF-8, which cannot carry an unpaired surrogate.
        Assert.Equal("lone 🎉", SearchQueryText.Normalize("\ud800lone\udc00 \ud83c\udf89\udc00"));
    }

    [Fact]
    public void CapsTheLength_WithoutSplittingASurrogatePair()
    {
        Assert.Equal(SearchQueryText.MaxLength, SearchQueryText.Normalize(new string('a', 10_000)).Length);
        var emoji = SearchQueryText.Normalize(new string('a', SearchQueryText.MaxLength - 1) + "🎉🎉");
        Assert.Equal(SearchQueryText.MaxLength - 1, emoji.Length);
        Assert.False(char.IsHighSurrogate(emoji[^1]));
    }

    [Theory]
    [InlineData("dj", "dj:*")]
    [InlineData("Crème brû", "Crème:* & brû:*")]
    [InlineData("a&b|c:*!(d)", "a:* & b:* & c:* & d:*")]
    [InlineData("&|!:*()'", null)]
    [InlineData("🎉", null)]
    [InlineData("1 2 3 4 5 6 7 8 9 10", "1:* & 2:* & 3:* & 4:* & 5:* & 6:* & 7:* & 8:*")]
    public void PrefixQuery_KeepsOnlyLettersAndDigits(string query, string? expected) => Assert.Equal(expected, SearchQueryText.PrefixQuery(query));
}

public class SearchSnippet_ToHtml
{
    [Theory]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("a \uE000match\uE001 b", "a <mark>match</mark> b")]
    [InlineData("<script>alert('x')</script> & \"q\"", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")]
    [InlineData("\uE000<b>\uE001", "<mark>&lt;b&gt;</mark>")]
    [InlineData("\uE000open", "<mark>open</mark>")]
    [InlineData("close\uE001 \uE001", "close ")]
    [InlineData("\uE000\uE000twice\uE001", "<mark>twice</mark>")]
    [InlineData("café", "café")]
    public void EscapesEverything_ButBalancedMarks(string headline, string expected) => Assert.Equal(expected, SearchSnippet.ToHtml(headline));
}

public class WebSearchQuery_Parse
{
    [Theory]
    [InlineData("django tutorial", "django tutorial", "")]
    [InlineData("django -tutorial", "django", "tutorial")]
    [InlineData("\"queue table\" or locks", "queue table locks", "")]
    [InlineData("\"a -b\"", "a -b", "")]
    [InlineData("well-known -x -y", "well-known", "x y")]
    [InlineData("OR or", "", "")]
    [InlineData("-", "", "")]
    public void SplitsWantedWordsFromExcludedOnes(string query, string wanted, string excluded)
    {
        var parsed = WebSearchQuery.Parse(query);

        Assert.Equal(wanted, parsed.WantedText);
        Assert.Equal(excluded, string.Join(' ', parsed.ExcludedWords));
    }
}

public class SearchRules_Small
{
    [Theory]
    [InlineData(null, null, true)]
    [InlineData("all", null, true)]
    [InlineData("blog", "post", true)]
    [InlineData("Posts", "post", true)]
    [InlineData("photo", "photo", true)]
    [InlineData("albums", "album", true)]
    [InlineData("videos", null, false)]
    [InlineData("\0", null, false)]
    public void TypeValues(string? type, string? kind, bool known)
    {
        Assert.Equal(kind, SearchKind.FromType(type, out var isKnown)?.Name);
        Assert.Equal(known, isKnown);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("abc", 1)]
    [InlineData("-3", 1)]
    [InlineData("0", 1)]
    [InlineData("4", 4)]
    [InlineData("99999999999999999999", 1)]
    [InlineData("1000", SearchPaging.MaxPage)]
    public void PageValues(string? page, int expected) => Assert.Equal(expected, SearchPaging.Parse(page));

    [Fact]
    public void Counts_ShowAPlus_OnlyWhenCountingStoppedAtTheCap()
    {
        Assert.Equal("12", SearchPaging.CountText(12, capped: false));
        Assert.Equal("200+", SearchPaging.CountText(SearchPaging.CountCap, capped: true));
        Assert.Equal(10, SearchPaging.PageCount(SearchPaging.CountCap));
    }

    [Fact]
    public void Score_WeighsRankAndSimilarity_AndKeepsByEitherThreshold()
    {
        Assert.Equal(0.7 * 0.5 + 0.3 * 0.4, SearchRanking.Score(0.5, 0.4), 10);
        Assert.True(SearchRanking.Keeps(0.02, 0));
        Assert.True(SearchRanking.Keeps(0, 0.21));
        Assert.False(SearchRanking.Keeps(0.01, 0.2));
    }

    [Fact]
    public void Autocomplete_TakesQuotasInKindOrder_ThenFillsWithAlbumsAndPhotos()
    {
        var candidates = SearchKind.All.SelectMany(kind => Enumerable.Range(0, 10).Select(i => (kind, i))).Reverse().ToList();

        var picked = AutocompleteMix.Pick(candidates, c => c.kind);

        Assert.Equal(
            [.. Enumerable.Repeat("post", 5), .. Enumerable.Repeat("project", 3), .. Enumerable.Repeat("book", 2)],
            picked.Select(p => p.kind.Name));
        var fewPosts = AutocompleteMix.Pick(candidates.Where(c => c.kind != SearchKind.Post || c.i < 1), c => c.kind);
        Assert.Equal(10, fewPosts.Count);
        Assert.Equal(4, fewPosts.Count(p => p.kind == SearchKind.Album));
    }
}
