using System.Globalization;

namespace Site.Domain.Graph;

/// <summary>
/// What a request for the graph asks for: the whole graph, or the neighbourhood of one post to a depth. Parsed from
/// the raw query values so that a bad value gets a sentence saying what is allowed.
/// </summary>
public sealed record GraphQuery(int? PostId, int Depth)
{
    /// <summary>The depth of a post's neighbourhood when the request names none.</summary>
    public const int DefaultDepth = 1;

    public static (GraphQuery? Query, string? Error) Parse(string? post, string? depth)
    {
        int? postId = null;
        if (post is not null)
        {
            if (!int.TryParse(post.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return (null, $"'post' must be a post id (a positive whole number), not '{Shorten(post)}'.");
            }

            postId = id;
        }

        var depthValue = DefaultDepth;
        if (depth is not null)
        {
            if (postId is null)
            {
                return (null, "'depth' needs 'post': it is the distance from that post.");
            }

            if (!int.TryParse(depth.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out depthValue) || depthValue > KnowledgeGraph.MaxDepth)
            {
                return (null, $"'depth' must be a whole number from 0 to {KnowledgeGraph.MaxDepth}, not '{Shorten(depth)}'.");
            }
        }

        return (new GraphQuery(postId, depthValue), null);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";
}
