using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Site.Blazor.Components.UI;
using Site.Blazor.Tests.Blog;
using Site.Data.Content;
using Site.Data.Graph;
using Site.Domain.Blog;
using Site.Domain.Graph;

namespace Site.Blazor.Tests.Graph;

/// <summary>bUnit renders of the graph's parts: the static link list, and the island's server side (filters, search, depth).</summary>
public class GraphComponents_Rendering(BlogSiteFixture site) : IClassFixture<BlogSiteFixture>
{
    private static readonly KnowledgeGraph Small = KnowledgeGraph.Build(
        [
            new GraphPost(1, new PostAddress("tech", "queues"), "Queues", null),
            new GraphPost(2, new PostAddress("tech", "locks"), "Locks", null),
            new GraphPost(3, new PostAddress("personal", "alone"), "Alone", null),
        ],
        [new GraphLink(2, new PostAddress("tech", "queues"), "the queue post", "")]);

    private BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddSingleton(site.Factory.Services.GetRequiredService<KnowledgeGraphCache>());
        ctx.Services.AddSingleton(site.Factory.Services.GetRequiredService<BlogReader>());
        // Static: the server side of the island (legend, search, depth) renders; the drawing needs a browser (E2E tests).
        ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", false));
        return ctx;
    }

    [Fact]
    public async Task LinkList_ListsEveryPostWithWhereItLinksAndWhatLinksToIt()
    {
        await using var ctx = new BunitContext();

        var list = ctx.Render<GraphLinkList>(p => p.Add(c => c.Graph, Small));

        var items = list.FindAll(".graph-links-list > li");
        Assert.Equal(["Alone", "Locks", "Queues"], items.Select(li => li.QuerySelector("a")!.TextContent));
        Assert.Contains("links to", items[1].TextContent);
        Assert.Equal("/b/tech/queues/", items[1].QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.Contains("linked from", items[2].TextContent);
        Assert.DoesNotContain("links to", items[0].TextContent);
        Assert.Contains("3 posts, 1 links", list.Markup.Replace("\n", " "));
    }

    [Fact]
    public async Task LinkList_ForOnePost_CollapsedOrEmpty()
    {
        await using var ctx = new BunitContext();

        var one = ctx.Render<GraphLinkList>(p => p.Add(c => c.Graph, Small).Add(c => c.OnlyPostId, 1));
        var collapsed = ctx.Render<GraphLinkList>(p => p.Add(c => c.Graph, Small).Add(c => c.Collapsed, true));
        var empty = ctx.Render<GraphLinkList>(p => p.Add(c => c.Graph, KnowledgeGraph.Empty));

        Assert.Equal("Queues", Assert.Single(one.FindAll(".graph-links-list > li")).QuerySelector("a")!.TextContent);
        Assert.NotNull(collapsed.Find("details > summary"));
        Assert.Empty(empty.Markup.Trim());
    }

    [Fact]
    public async Task View_ShowsTheLegendOfEveryCategory_AndADepthChoiceOnlyForAPost()
    {
        await using var ctx = NewContext();

        var whole = ctx.Render<KnowledgeGraphView>();
        var local = ctx.Render<KnowledgeGraphView>(p => p.Add(c => c.PostId, 1).Add(c => c.Depth, 2));

        // The categories come from the database while the component initialises.
        whole.WaitForAssertion(() => Assert.Equal(5, whole.FindAll("[data-test=graph-legend] label").Count));
        var legend = whole.FindAll("[data-test=graph-legend] label");
        Assert.All(legend, label => Assert.Contains("background:#", label.QuerySelector(".kg-swatch")!.GetAttribute("style")));
        Assert.Empty(whole.FindAll("[data-test=graph-depth]"));
        Assert.Equal(["1", "2", "3"], local.FindAll("[data-test=graph-depth] option").Select(o => o.GetAttribute("value")));
        Assert.Equal("2", local.Find("[data-test=graph-depth]").GetAttribute("value"));
        Assert.Contains("kg-embedded", whole.Find("[data-test=knowledge-graph]").ClassName);
    }

    [Fact]
    public async Task View_FindsPostsByTitleOnTheServer()
    {
        await using var ctx = NewContext();
        var view = ctx.Render<KnowledgeGraphView>(p => p.Add(c => c.FullScreen, true));
        // Typing before the component has loaded its categories would hit the first render's handlers, which the
        // render after loading replaces.
        view.WaitForAssertion(() => Assert.Equal(5, view.FindAll("[data-test=graph-legend] label").Count));

        view.Find("[data-test=graph-find]").Input("job queue");
        view.WaitForAssertion(() => Assert.Contains("PostgreSQL is a fine job queue", view.Find("[data-test=graph-results]").TextContent));
        view.Find("[data-test=graph-find]").Input("<script>nothing like this</script>");
        view.WaitForAssertion(() => Assert.Contains("No post title matches", view.Markup));

        Assert.Contains("kg-full", view.Find("[data-test=knowledge-graph]").ClassName);
    }
}
