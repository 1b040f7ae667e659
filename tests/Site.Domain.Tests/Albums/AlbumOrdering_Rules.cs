using Site.Domain.Albums;

namespace Site.Domain.Tests.Albums;

public class AlbumOrdering_Rules
{
    private sealed record Item(string Name, int Order, DateTime? Taken, DateTimeOffset Uploaded, bool Featured = false);

    [Fact]
    public void Order_ByDisplayOrder_ThenDateTaken_UndatedLast_ThenUpload()
    {
        var t = new DateTime(2024, 1, 1);
        var u = DateTimeOffset.UnixEpoch;
        var items = new[]
        {
            new Item("late", 1, t.AddDays(2), u),
            new Item("undated-old", 1, null, u),
            new Item("first", 0, t.AddDays(9), u),
            new Item("early", 1, t, u),
            new Item("undated-new", 1, null, u.AddDays(1)),
        };

        var ordered = AlbumOrdering.Order(items, i => i.Order, i => i.Taken, i => i.Uploaded);

        Assert.Equal(["first", "early", "late", "undated-old", "undated-new"], ordered.Select(i => i.Name));
    }

    [Fact]
    public void SocialImage_IsTheFirstFeatured_ElseTheFirst()
    {
        var u = DateTimeOffset.UnixEpoch;
        Item[] plain = [new("a", 0, null, u), new("b", 1, null, u)];
        Item[] featured = [new("a", 0, null, u), new("b", 1, null, u, true), new("c", 2, null, u, true)];
        Assert.Equal("a", AlbumOrdering.SocialImage(plain, i => i.Featured)!.Name);
        Assert.Equal("b", AlbumOrdering.SocialImage(featured, i => i.Featured)!.Name);
        Assert.Null(AlbumOrdering.SocialImage(Array.Empty<Item>(), i => i.Featured));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(4, 0.5)]
    [InlineData(5, 0.6)]
    [InlineData(9, 0.6)]
    [InlineData(10, 0.7)]
    [InlineData(19, 0.7)]
    [InlineData(20, 0.8)]
    [InlineData(500, 0.8)]
    public void SitemapPriority_GrowsWithThePhotoCount(int count, double expected) =>
        Assert.Equal((decimal)expected, AlbumOrdering.SitemapPriority(count));
}
