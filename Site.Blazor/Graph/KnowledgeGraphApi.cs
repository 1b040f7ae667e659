using Site.Blazor.Blog;
using Site.Data.Graph;
using Site.Domain.Graph;

namespace Site.Blazor.Graph;

/// <summary>
/// <c>/api/knowledge-graph/</c>: the whole graph, or with <c>?post=&lt;id&gt;&amp;depth=N</c> the neighbourhood of one
/// post, as <c>{ status, data: { nodes, edges, metrics }, metadata: { nodes_count, edges_count } }</c>. Read-only: the
/// graph is rebuilt by content syncs and the rebuild job, never on request.
/// </summary>
public static class KnowledgeGraphApi
{
    public const string Path = "/api/knowledge-graph/";

    public static IEndpointRouteBuilder MapKnowledgeGraphApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpRequest request, KnowledgeGraphCache graphs, CancellationToken ct) =>
        {
            if (new[] { "post", "depth" }.FirstOrDefault(name => request.Query[name].Count > 1) is { } repeated)
            {
                return Error(StatusCodes.Status400BadRequest, $"'{repeated}' was given more than once; give it once.");
            }

            var (query, error) = GraphQuery.Parse(Single(request, "post"), Single(request, "depth"));
            if (query is null)
            {
                return Error(StatusCodes.Status400BadRequest, error!);
            }

            var graph = await graphs.GetAsync(ct);
            if (query.PostId is { } postId)
            {
                if (graph.Neighbourhood(postId, query.Depth) is not { } neighbourhood)
                {
                    return Error(StatusCodes.Status404NotFound, $"There is no published post with id {postId}.");
                }

                graph = neighbourhood;
            }

            return Results.Json(Shape(graph));
        }).CacheOutput(ReaderCache.Pages);
        return endpoints;
    }

    /// <summary>The response body for a graph, in the API's field names.</summary>
    public static object Shape(KnowledgeGraph graph) => new
    {
        status = "success",
        data = new
        {
            nodes = graph.Nodes.Select(n => new
            {
                id = n.Id,
                title = n.Title,
                category = n.Category,
                description = n.Description,
                url = n.Url,
                in_degree = n.InDegree,
                out_degree = n.OutDegree,
            }),
            edges = graph.Edges.Select(e => new
            {
                source = e.Source,
                target = e.Target,
                link_text = e.LinkText,
                context = e.Context,
                count = e.Count,
            }),
            metrics = new
            {
                total_posts = graph.Metrics.TotalPosts,
                total_links = graph.Metrics.TotalLinks,
                average_links_per_post = graph.Metrics.AverageLinksPerPost,
                most_linked_posts = graph.Metrics.MostLinked.Select(m => new { id = m.Id, title = m.Title, in_degree = m.InDegree }),
                orphan_posts = graph.Metrics.OrphanPosts,
            },
        },
        metadata = new { nodes_count = graph.Nodes.Count, edges_count = graph.Edges.Count },
    };

    private static string? Single(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values[0] ?? "" : null;

    private static IResult Error(int status, string message) =>
        Results.Json(new { status = "error", error = message }, statusCode: status);
}
