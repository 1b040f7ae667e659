namespace Site.Domain.Comments;

/// <summary>Where a comment sits: enough to place it in its thread.</summary>
public readonly record struct CommentPlace(long Id, long? ParentId, DateTimeOffset CreatedAt);

/// <summary>A comment in display order, with how deep it is nested (0 for top level).</summary>
public readonly record struct ThreadedComment(long Id, int Depth);

/// <summary>
/// The order comments are shown in: conversations start newest first (the latest is what a returning reader looks
/// for), while replies under each read oldest first, as the conversation went. A reply whose parent is not among the
/// comments shown (still pending, rejected) is left out, since it would answer nothing the reader can see.
/// </summary>
public static class CommentThreads
{
    public static IReadOnlyList<ThreadedComment> Arrange(IEnumerable<CommentPlace> comments)
    {
        var all = comments.ToList();
        var ids = all.Select(c => c.Id).ToHashSet();
        var replies = all.Where(c => c.ParentId is { } parent && ids.Contains(parent))
            .GroupBy(c => c.ParentId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList());
        var result = new List<ThreadedComment>(all.Count);
        var stack = new Stack<(CommentPlace Comment, int Depth)>();
        foreach (var top in all.Where(c => c.ParentId is null).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Reverse())
        {
            stack.Push((top, 0));
        }

        // Depth first without recursion, so a hostile chain of thousands of replies cannot overflow the stack.
        var seen = new HashSet<long>();
        while (stack.Count > 0)
        {
            var (comment, depth) = stack.Pop();
            if (!seen.Add(comment.Id))
            {
                continue;
            }

            result.Add(new ThreadedComment(comment.Id, depth));
            if (replies.TryGetValue(comment.Id, out var children))
            {
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push((children[i], depth + 1));
                }
            }
        }

        return result;
    }
}
