namespace Site.Blazor.Tests.Blog;

/// <summary>
/// "Times read" through the real pipeline: pages are served, reads are queued, a background batch writes them.
/// Each test uses its own post, and a read of a sentinel post sent last shows that every earlier read was flushed.
/// </summary>
public class PostReads_Counting(BlogSiteFixture site) : IClassFixture<BlogSiteFixture>
{
    private async Task FlushedAsync(string sentinelSlug, string sentinelPath, string userAgent)
    {
        using var client = site.Anonymous(userAgent);
        var before = await site.TimesReadAsync(sentinelSlug);
        (await client.GetAsync(sentinelPath)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await site.TimesReadAsync(sentinelSlug) == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the read counter never flushed");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task TheSameReaderTwice_CountsOnce()
    {
        using var reader = site.Anonymous();
        (await reader.GetAsync("/b/hobbies/sourdough-notes/")).EnsureSuccessStatusCode();
        (await reader.GetAsync("/b/hobbies/sourdough-notes/")).EnsureSuccessStatusCode();

        await FlushedAsync("balcony-tomatoes", "/b/hobbies/balcony-tomatoes/", BlogSiteFixture.BrowserAgent + " sentinel-1");

        Assert.Equal(1, await site.TimesReadAsync("sourdough-notes"));
    }

    [Fact]
    public async Task DifferentReaders_CountTwice()
    {
        using var first = site.Anonymous(BlogSiteFixture.BrowserAgent + " reader-a");
        using var second = site.Anonymous(BlogSiteFixture.BrowserAgent + " reader-b");
        (await first.GetAsync("/b/tech/exif-dates/")).EnsureSuccessStatusCode();
        (await second.GetAsync("/b/tech/exif-dates/")).EnsureSuccessStatusCode();

        await FlushedAsync("a-weekend-with-go", "/b/tech/a-weekend-with-go/", BlogSiteFixture.BrowserAgent + " sentinel-2");

        Assert.Equal(2, await site.TimesReadAsync("exif-dates"));
    }

    [Fact]
    public async Task BotsAndTheAdmin_AreNotCounted()
    {
        using var bot = site.Anonymous("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        using var admin = site.Admin();
        (await bot.GetAsync("/b/reviews/books-of-the-year/")).EnsureSuccessStatusCode();
        (await admin.GetAsync("/b/reviews/books-of-the-year/")).EnsureSuccessStatusCode();

        await FlushedAsync("moving-house", "/b/personal/moving-house/", BlogSiteFixture.BrowserAgent + " sentinel-3");

        Assert.Equal(0, await site.TimesReadAsync("books-of-the-year"));
    }

    [Fact]
    public async Task ANewReader_ShowsOnTheCachedPageAfterTheBatch()
    {
        using var reader = site.Anonymous(BlogSiteFixture.BrowserAgent + " reader-c");
        var before = await reader.GetStringAsync("/b/projects/garden-sensors/");
        Assert.Contains("Not read yet", before);

        await FlushedAsync("garden-sensors", "/b/projects/garden-sensors/", BlogSiteFixture.BrowserAgent + " reader-d");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string after;
        while (!(after = await reader.GetStringAsync("/b/projects/garden-sensors/")).Contains("Read 2 times"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the cached page never showed the new count");
            await Task.Delay(100);
        }
    }
}
