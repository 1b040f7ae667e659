using Microsoft.Extensions.DependencyInjection;
using Site.Data.Content;
using Site.TestSupport;

namespace Site.Blazor.Tests.Blog;

/// <summary>A content folder of the test's own, which the test edits while the host runs.</summary>
public sealed class EditableBlogFixture : BlogSiteFixture
{
    public TestContentFolder Content { get; } = CreateContent();

    protected override string ContentPath => Content.Path;

    private static TestContentFolder CreateContent()
    {
        var content = new TestContentFolder();
        content.Post("tech", "0001-cached.md", "Cached", "2024-01-01", "First version.\n");
        content.Post("tech", "0002-hostile.md", "\"<script>alert('t')</script> Hostile\"", "2024-01-02", "Body.\n",
            "description: <b>bold</b> description");
        return content;
    }
}

/// <summary>Cached pages change when the content does: the sync's notification evicts them (functional).</summary>
public class ContentChanges_EvictCache(EditableBlogFixture site) : IClassFixture<EditableBlogFixture>
{
    [Fact]
    public async Task AnEditedPostShowsOnItsCachedPageOnceSynced()
    {
        using var reader = site.Anonymous();
        Assert.Contains("First version.", await reader.GetStringAsync("/b/tech/cached/"));
        Assert.Contains("First version.", await reader.GetStringAsync("/b/tech/cached/"));

        site.Content.Post("tech", "0001-cached.md", "Cached", "2024-01-01", "Second version.\n");
        var result = await site.Factory.Services.GetRequiredService<ContentSync>().RunAsync();
        Assert.True(result.Changed);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await reader.GetStringAsync("/b/tech/cached/")).Contains("Second version."))
        {
            Assert.True(DateTime.UtcNow < deadline, "the cached page was never evicted");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task HtmlInFrontMatter_IsEncodedOnThePage()
    {
        using var reader = site.Anonymous();
        var html = await reader.GetStringAsync("/b/tech/hostile/");

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; Hostile", html);
    }
}
