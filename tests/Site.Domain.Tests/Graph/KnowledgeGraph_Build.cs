using Site.Domain.Blog;
using Site.Domain.Graph;

namespace Site.Domain.Tests.Graph;

public class KnowledgeGraph_Build
{
    internal static GraphPost Post(int id, string category = "tech", string? title = null) =>
        new(id, new PostAddress(category, "post-" + id), title ?? "Post " + id, "About " + id);

    internal static GraphLink Link(int source, int target, string category = "tech", string text = "see", int count = 1) =>
        new(source, new PostAddress(category, "post-" + target), text, "context of " + text, count);

    [Fact]
    public void MakesOneNodePerPostWithDegreesFromDistinctLinks()
    {
        var graph = KnowledgeGraph.Build([Post(1), Post(2), Post(3)], [Link(1, 2), Link(1, 3), Link(2, 3)]);

        Assert.Equal([1, 2, 3], graph.Nodes.Select(n => n.Id));
        Assert.Equal((0, 2), (graph.Find(1)!.InDegree, graph.Find(1)!.OutDegree));
        Assert.Equal((1, 1), (graph.Find(2)!.InDegree, graph.Find(2)!.OutDegree));
        Assert.Equal((2, 0), (graph.Find(3)!.InDegree, graph.Find(3)!.OutDegree));
        Assert.Equal("/b/tech/post-2/", graph.Find(2)!.Url);
        Assert.Equal(2, graph.Find(new PostAddress("tech", "post-2"))!.Id);
        Assert.Null(graph.Find(new PostAddress("tech", "post-9")));
    }

    [Fact]
    public void RepeatedLinkIsOneEdgeWithACountAndDoesNotInflateDegrees()
    {
        var graph = KnowledgeGraph.Build([Post(1), Post(2)], [Link(1, 2, text: "first"), Link(1, 2, text: "again"), Link(1, 2, text: "third", count: 2)]);

        var edge = Assert.Single(graph.Edges);
        Assert.Equal((1, 2, 4, "first"), (edge.Source, edge.Target, edge.Count, edge.LinkText));
        Assert.Equal(1, graph.Find(2)!.InDegree);
        Assert.Equal(1, graph.Metrics.TotalLinks);
    }

    [Fact]
    public void LinkToMissingPostIsAProblemNeverAGhostNode()
    {
        var graph = KnowledgeGraph.Build([Post(1)], [new GraphLink(1, new PostAddress("tech", "gone"), "gone", "")]);

        Assert.Single(graph.Nodes);
        Assert.Empty(graph.Edges);
        var problem = Assert.Single(graph.Problems);
        Assert.Equal(1, problem.SourceId);
        Assert.Contains("/b/tech/gone/", problem.Message);
        Assert.Equal(0, graph.Find(1)!.OutDegree);
    }

    [Fact]
    public void SelfLinksAndLinksFromUnknownPostsAreIgnored()
    {
        var graph = KnowledgeGraph.Build([Post(1), Post(2)], [Link(1, 1), Link(9, 2)]);

        Assert.Empty(graph.Edges);
        Assert.Empty(graph.Problems);
    }

    [Fact]
    public void SameAddressInAnotherCategoryIsADifferentPost()
    {
        var graph = KnowledgeGraph.Build([Post(1), Post(2, "personal")], [Link(1, 2, category: "tech")]);

        Assert.Empty(graph.Edges);
        Assert.Single(graph.Problems);
    }

    [Fact]
    public void RefusesAPostListedTwice()
    {
        Assert.Throws<ArgumentException>(() => KnowledgeGraph.Build([Post(1), Post(1)], []));
    }

    [Fact]
    public void HashChangesWithTheGraphAndNotWithTheOrderOfInput()
    {
        var a = KnowledgeGraph.Build([Post(1), Post(2)], [Link(1, 2)]).ContentHash();
        var reordered = KnowledgeGraph.Build([Post(2), Post(1)], [Link(1, 2)]).ContentHash();
        var other = KnowledgeGraph.Build([Post(1), Post(2)], [Link(2, 1)]).ContentHash();

        Assert.Equal(64, a.Length);
        Assert.Equal(a, reordered);
        Assert.NotEqual(a, other);
    }
}

public class KnowledgeGraph_Metrics
{
    [Fact]
    public void CountsPostsLinksAverageMostLinkedAndOrphans()
    {
        var posts = Enumerable.Range(1, 8).Select(i => KnowledgeGraph_Build.Post(i, title: "T" + i)).ToList();
        // 6 receives 3 links, 5 receives 2, 2/3/4 one each; 7 is linked by nobody and links nowhere; so is 8.
        var links = new[]
        {
            KnowledgeGraph_Build.Link(1, 6), KnowledgeGraph_Build.Link(2, 6), KnowledgeGraph_Build.Link(3, 6),
            KnowledgeGraph_Build.Link(1, 5), KnowledgeGraph_Build.Link(2, 5),
            KnowledgeGraph_Build.Link(1, 2), KnowledgeGraph_Build.Link(1, 3), KnowledgeGraph_Build.Link(1, 4),
        };

        var metrics = KnowledgeGraph.Build(posts, links).Metrics;

        Assert.Equal(8, metrics.TotalPosts);
        Assert.Equal(8, metrics.TotalLinks);
        Assert.Equal(1.00m, metrics.AverageLinksPerPost);
        Assert.Equal([6, 5, 2, 3, 4], metrics.MostLinked.Select(m => m.Id));
        Assert.Equal(3, metrics.MostLinked[0].InDegree);
        Assert.Equal([7, 8], metrics.OrphanPosts);
    }

    [Fact]
    public void AverageIsRoundedToTwoDecimals()
    {
        var graph = KnowledgeGraph.Build(
            [KnowledgeGraph_Build.Post(1), KnowledgeGraph_Build.Post(2), KnowledgeGraph_Build.Post(3)],
            [KnowledgeGraph_Build.Link(1, 2), KnowledgeGraph_Build.Link(2, 3)]);

        Assert.Equal(0.67m, graph.Metrics.AverageLinksPerPost);
    }

    [Fact]
    public void EmptyGraphHasZeroAverage()
    {
        Assert.Equal(0m, KnowledgeGraph.Build([], []).Metrics.AverageLinksPerPost);
    }
}

public class KnowledgeGraph_Neighbourhood
{
    // A chain 1 → 2 → 3 → 4 → 5, plus 6 → 2 (a backlink) and 7 alone.
    private static readonly KnowledgeGraph Chain = KnowledgeGraph.Build(
        Enumerable.Range(1, 7).Select(i => KnowledgeGraph_Build.Post(i, i == 6 ? "personal" : "tech")).ToList(),
        [KnowledgeGraph_Build.Link(1, 2), KnowledgeGraph_Build.Link(2, 3), KnowledgeGraph_Build.Link(3, 4), KnowledgeGraph_Build.Link(4, 5),
         KnowledgeGraph_Build.Link(6, 2)]);

    [Theory]
    [InlineData(0, new[] { 2 })]
    [InlineData(1, new[] { 1, 2, 3, 6 })]
    [InlineData(2, new[] { 1, 2, 3, 4, 6 })]
    [InlineData(3, new[] { 1, 2, 3, 4, 5, 6 })]
    public void FollowsLinksBothWaysToTheDepth(int depth, int[] expected)
    {
        var sub = Chain.Neighbourhood(2, depth)!;

        Assert.Equal(expected, sub.Nodes.Select(n => n.Id));
        Assert.All(sub.Edges, e => Assert.True(expected.Contains(e.Source) && expected.Contains(e.Target)));
        Assert.Equal(sub.Edges.Count, sub.Metrics.TotalLinks);
    }

    [Fact]
    public void KeepsWholeGraphDegreesSoSizesDoNotJump()
    {
        var sub = Chain.Neighbourhood(1, 1)!;

        Assert.Equal(2, sub.Find(2)!.InDegree);
    }

    [Fact]
    public void UnknownPostHasNoNeighbourhoodAndBadDepthThrows()
    {
        Assert.Null(Chain.Neighbourhood(99, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Chain.Neighbourhood(1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Chain.Neighbourhood(1, -1));
    }

    [Fact]
    public void OrphanAloneIsItsOwnNeighbourhood()
    {
        var sub = Chain.Neighbourhood(7, 3)!;

        Assert.Equal([7], sub.Nodes.Select(n => n.Id));
        Assert.Empty(sub.Edges);
    }

    [Fact]
    public void CategoryFilterKeepsOnlyLinksInsideTheCategories()
    {
        var personal = Chain.InCategories(["personal"]);

        Assert.Equal([6], personal.Nodes.Select(n => n.Id));
        Assert.Empty(personal.Edges);
        Assert.Same(Chain, Chain.InCategories([]));
    }

    [Fact]
    public void SearchFindsTitlesByWordsIgnoringCaseAndAccents()
    {
        var graph = KnowledgeGraph.Build(
            [KnowledgeGraph_Build.Post(1, title: "Café notes"), KnowledgeGraph_Build.Post(2, title: "Notes on caching"), KnowledgeGraph_Build.Post(3, title: "Other")],
            []);

        Assert.Equal([1], graph.Search("cafe").Select(n => n.Id));
        Assert.Equal([2, 1], graph.Search("NOTES").Select(n => n.Id));
        Assert.Empty(graph.Search("   "));
        Assert.Empty(graph.Search(null));
        Assert.Single(graph.Search("notes", limit: 1));
    }
}
