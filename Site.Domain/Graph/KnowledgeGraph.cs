using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Site.Domain.Blog;

namespace Site.Domain.Graph;

/// <summary>A published post as the graph sees it.</summary>
public sealed record GraphPost(int Id, PostAddress Address, string Title, string? Description);

/// <summary>
/// One link found in a rendered post: its source post, the address it points at, its text and about 100 characters of
/// context. <paramref name="Count"/> is how often the source repeats it (1 for a single occurrence).
/// </summary>
public sealed record GraphLink(int SourceId, PostAddress Target, string Text, string Context, int Count = 1);

/// <summary>A post in the graph, with how many other posts link to it and how many it links to.</summary>
public sealed record GraphNode(int Id, string Title, string Category, string? Description, string Url, int InDegree, int OutDegree)
{
    /// <summary>Links in both directions: what the node's size shows.</summary>
    public int Degree => InDegree + OutDegree;
}

/// <summary>One link between two posts; a link repeated in its source is one edge with its <see cref="Count"/>.</summary>
public sealed record GraphEdge(int Source, int Target, string LinkText, string Context, int Count);

/// <summary>A post and how many links point at it, for the most-linked list.</summary>
public sealed record LinkedPost(int Id, string Title, int InDegree);

/// <summary>The numbers readers and the API see about a graph.</summary>
public sealed record GraphMetrics(int TotalPosts, int TotalLinks, decimal AverageLinksPerPost, IReadOnlyList<LinkedPost> MostLinked, IReadOnlyList<int> OrphanPosts);

/// <summary>A link in a post that points at no published post: reported as a content problem, never drawn.</summary>
public sealed record GraphProblem(int SourceId, PostAddress Target, string Message);

/// <summary>
/// The knowledge graph of the blog: posts are nodes, links between them are edges. Built once from the rendered posts
/// (<see cref="Build"/>), then read by many: neighbourhoods, category filters and searches are computed from it without
/// touching the data again. Immutable, so one instance serves every reader at once.
/// </summary>
public sealed class KnowledgeGraph
{
    /// <summary>How many posts the most-linked list names.</summary>
    public const int MostLinkedCount = 5;

    /// <summary>The deepest neighbourhood a request may ask for.</summary>
    public const int MaxDepth = 3;

    private readonly Dictionary<int, int> _indexById;
    private readonly Dictionary<string, int> _indexByUrl;
    private readonly int[][] _neighbours;

    private KnowledgeGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, IReadOnlyList<GraphProblem> problems)
    {
        Nodes = nodes;
        Edges = edges;
        Problems = problems;
        _indexById = new Dictionary<int, int>(nodes.Count);
        _indexByUrl = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            _indexById[nodes[i].Id] = i;
            _indexByUrl[nodes[i].Url] = i;
        }

        var neighbours = new List<int>[nodes.Count];
        for (var i = 0; i < neighbours.Length; i++)
        {
            neighbours[i] = [];
        }

        foreach (var edge in edges)
        {
            var source = _indexById[edge.Source];
            var target = _indexById[edge.Target];
            neighbours[source].Add(target);
            neighbours[target].Add(source);
        }

        _neighbours = neighbours.Select(n => n.ToArray()).ToArray();
        Metrics = ComputeMetrics(nodes, edges.Count);
    }

    public IReadOnlyList<GraphNode> Nodes { get; }

    public IReadOnlyList<GraphEdge> Edges { get; }

    public GraphMetrics Metrics { get; }

    /// <summary>Links that point at posts the graph does not hold (they are left out, never shown as ghost nodes).</summary>
    public IReadOnlyList<GraphProblem> Problems { get; }

    public static KnowledgeGraph Empty { get; } = new([], [], []);

    /// <summary>
    /// Builds the graph. Links to a post not in <paramref name="posts"/> become <see cref="Problems"/>; a post linking
    /// to itself is ignored; several links from one post to another are one edge whose count adds them up, and whose
    /// text and context are the first link's.
    /// </summary>
    public static KnowledgeGraph Build(IReadOnlyList<GraphPost> posts, IEnumerable<GraphLink> links)
    {
        var ordered = posts.OrderBy(p => p.Id).ToArray();
        var indexByAddress = new Dictionary<PostAddress, int>(ordered.Length);
        var indexById = new Dictionary<int, int>(ordered.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            if (!indexById.TryAdd(ordered[i].Id, i) || !indexByAddress.TryAdd(ordered[i].Address, i))
            {
                throw new ArgumentException($"Post {ordered[i].Id} ({ordered[i].Address}) appears twice.", nameof(posts));
            }
        }

        // One draft per (source, target) pair, keyed by both indexes in one long; repeats only add to its count.
        var edgeByPair = new Dictionary<long, int>();
        var drafts = new List<(long Pair, GraphLink First, int Count)>();
        var problems = new List<GraphProblem>();
        foreach (var link in links)
        {
            if (!indexById.TryGetValue(link.SourceId, out var source))
            {
                continue;
            }

            if (!indexByAddress.TryGetValue(link.Target, out var target))
            {
                problems.Add(new(link.SourceId, link.Target, $"the link to {link.Target.Path} points at a post that does not exist."));
                continue;
            }

            if (target == source)
            {
                continue;
            }

            var pair = ((long)source << 32) | (uint)target;
            var count = Math.Max(1, link.Count);
            if (edgeByPair.TryGetValue(pair, out var draft))
            {
                drafts[draft] = drafts[draft] with { Count = drafts[draft].Count + count };
            }
            else
            {
                edgeByPair[pair] = drafts.Count;
                drafts.Add((pair, link, count));
            }
        }

        var inDegree = new int[ordered.Length];
        var outDegree = new int[ordered.Length];
        var sorted = drafts.ToArray();
        Array.Sort(sorted, (a, b) => a.Pair.CompareTo(b.Pair));
        var edges = new GraphEdge[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            var (pair, first, count) = sorted[i];
            var source = (int)(pair >> 32);
            var target = (int)(uint)pair;
            outDegree[source]++;
            inDegree[target]++;
            edges[i] = new GraphEdge(ordered[source].Id, ordered[target].Id, first.Text, first.Context, count);
        }

        var nodes = new GraphNode[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var post = ordered[i];
            nodes[i] = new GraphNode(post.Id, post.Title, post.Address.Category, post.Description, post.Address.Path, inDegree[i], outDegree[i]);
        }

        return new KnowledgeGraph(nodes, edges, problems);
    }

    public bool Contains(int postId) => _indexById.ContainsKey(postId);

    public GraphNode? Find(int postId) => _indexById.TryGetValue(postId, out var index) ? Nodes[index] : null;

    /// <summary>The node of the post at <paramref name="address"/>, or null when it is not in the graph (a draft, or gone).</summary>
    public GraphNode? Find(PostAddress address) => _indexByUrl.TryGetValue(address.Path, out var index) ? Nodes[index] : null;

    /// <summary>
    /// The post and every post within <paramref name="depth"/> links of it, following links in both directions
    /// (breadth first), with the edges among them. Degrees stay those of the whole graph, so sizes do not jump when a
    /// reader expands the view. Null when the post is not in the graph.
    /// </summary>
    public KnowledgeGraph? Neighbourhood(int postId, int depth)
    {
        if (depth is < 0 or > MaxDepth)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"The depth must be between 0 and {MaxDepth}.");
        }

        if (!_indexById.TryGetValue(postId, out var start))
        {
            return null;
        }

        var distance = new Dictionary<int, int> { [start] = 0 };
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (distance[current] == depth)
            {
                continue;
            }

            foreach (var next in _neighbours[current])
            {
                if (distance.TryAdd(next, distance[current] + 1))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return Subgraph(distance.Keys.ToHashSet());
    }

    /// <summary>The posts of the given categories and the links among them; every post when none are given.</summary>
    public KnowledgeGraph InCategories(IReadOnlyCollection<string> categories)
    {
        if (categories.Count == 0)
        {
            return this;
        }

        var keep = new HashSet<int>();
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (categories.Contains(Nodes[i].Category))
            {
                keep.Add(i);
            }
        }

        return Subgraph(keep);
    }

    /// <summary>
    /// Posts whose title contains every word of <paramref name="query"/> (case and accents aside), titles that start
    /// with the query first; at most <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<GraphNode> Search(string? query, int limit = 10)
    {
        var words = Fold(query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || limit <= 0)
        {
            return [];
        }

        var whole = string.Join(' ', words);
        return Nodes
            .Select(n => (Node: n, Title: Fold(n.Title)))
            .Where(x => words.All(w => x.Title.Contains(w, StringComparison.Ordinal)))
            .OrderByDescending(x => x.Title.StartsWith(whole, StringComparison.Ordinal))
            .ThenByDescending(x => x.Node.Degree)
            .ThenBy(x => x.Node.Title, StringComparer.OrdinalIgnoreCase)
            .Take(limit)
            .Select(x => x.Node)
            .ToList();
    }

    /// <summary>
    /// SHA-256 (lower-case hex) of everything a picture of the graph shows: nodes with their titles, categories and
    /// degrees, and the edges. Equal hashes mean an equal picture, so a new screenshot is needed only when it changes.
    /// </summary>
    public string ContentHash()
    {
        var text = new StringBuilder();
        foreach (var node in Nodes)
        {
            text.Append("n\t").Append(node.Id.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(node.Title).Append('\t')
                .Append(node.Category).Append('\t').Append(node.InDegree.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(node.OutDegree.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var edge in Edges)
        {
            text.Append("e\t").Append(edge.Source.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(edge.Target.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private KnowledgeGraph Subgraph(HashSet<int> indexes)
    {
        var nodes = indexes.Order().Select(i => Nodes[i]).ToList();
        var ids = nodes.Select(n => n.Id).ToHashSet();
        var edges = Edges.Where(e => ids.Contains(e.Source) && ids.Contains(e.Target)).ToList();
        return new KnowledgeGraph(nodes, edges, []);
    }

    private static GraphMetrics ComputeMetrics(IReadOnlyList<GraphNode> nodes, int edgeCount)
    {
        var average = nodes.Count == 0 ? 0m : Math.Round((decimal)edgeCount / nodes.Count, 2, MidpointRounding.AwayFromZero);
        var mostLinked = nodes
            .Where(n => n.InDegree > 0)
            .OrderByDescending(n => n.InDegree)
            .ThenBy(n => n.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(n => n.Id)
            .Take(MostLinkedCount)
            .Select(n => new LinkedPost(n.Id, n.Title, n.InDegree))
            .ToList();
        var orphans = nodes.Where(n => n.Degree == 0).Select(n => n.Id).ToList();
        return new GraphMetrics(nodes.Count, edgeCount, average, mostLinked, orphans);
    }

    /// <summary>Lower case without accents, words separated by single spaces.</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
