namespace Site.Domain.Blog;

/// <summary>Sitemap priorities: a search engine's hint of what matters most on the site, in one place.</summary>
public static class SitemapPriority
{
    /// <summary>The home page and other fixed pages.</summary>
    public const decimal StaticPage = 1.0m;

    /// <summary>Category and tag listings: useful entry points, but their content is the posts.</summary>
    public const decimal Listing = 0.5m;

    /// <summary>
    /// Posts by number: the newest post gets 0.9 and the oldest down to 0.5, in even steps by how far its number is
    /// from the highest, so fresh writing is crawled first while old posts stay above the listings' floor.
    /// </summary>
    public static decimal ForPost(int number, int highestNumber)
    {
        if (highestNumber <= 1 || number >= highestNumber)
        {
            return 0.9m;
        }

        var share = Math.Clamp((decimal)(number - 1) / (highestNumber - 1), 0m, 1m);
        return Math.Round(0.5m + 0.4m * share, 1, MidpointRounding.AwayFromZero);
    }
}
