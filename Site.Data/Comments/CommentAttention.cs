using Site.Data.Admin;

namespace Site.Data.Comments;

/// <summary>Puts waiting comments on the admin dashboard's "needs attention" list.</summary>
public sealed class PendingCommentsAttentionSource(CommentBoard comments) : IAdminAttentionSource
{
    public string Name => "Comments";

    public async Task<IReadOnlyList<AdminAttentionItem>> GetItemsAsync(CancellationToken cancellationToken)
    {
        var pending = await comments.PendingCountAsync(cancellationToken);
        return pending == 0
            ? []
            : [new AdminAttentionItem(
                pending == 1 ? "1 comment waits for moderation" : $"{pending} comments wait for moderation",
                "Approve, reject or mark them as spam; readers see them only once approved.", AttentionLevel.Warning, "/admin/comments")];
    }
}
