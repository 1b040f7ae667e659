using Site.Data.Admin;

namespace Site.Data.Content;

/// <summary>
/// Puts what the last content sync found wrong (missing title, bad date, unknown category, a link to a missing post)
/// on the admin dashboard, one item per problem with its file and line, so broken content is seen, not only logged.
/// </summary>
public sealed class ContentErrorsAttentionSource(BlogReader blog) : IAdminAttentionSource
{
    /// <summary>Past this many, the rest are summed up in one item rather than listed.</summary>
    public const int MaxListed = 20;

    public string Name => "Content";

    public async Task<IReadOnlyList<AdminAttentionItem>> GetItemsAsync(CancellationToken cancellationToken)
    {
        var errors = await blog.ErrorsAsync(cancellationToken);
        var items = errors.Take(MaxListed)
            .Select(e => new AdminAttentionItem(
                $"Content error in {e.SourcePath}{(e.Line is { } line ? $", line {line}" : "")}",
                e.Message, AttentionLevel.Error))
            .ToList();
        if (errors.Count > MaxListed)
        {
            items.Add(new AdminAttentionItem($"{errors.Count - MaxListed} more content errors", "Fix the ones above and sync again; the rest are in the log.", AttentionLevel.Error));
        }

        return items;
    }
}
