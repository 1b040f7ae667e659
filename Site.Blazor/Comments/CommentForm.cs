namespace Site.Blazor.Comments;

/// <summary>The comment form's name and fields, shared by the post page's plain form and the comment page's Blazor form.</summary>
public static class CommentForm
{
    /// <summary>The Blazor form name (<c>_handler</c>) the comment page handles.</summary>
    public const string Name = "comment";

    /// <summary>What the form sends. <see cref="Website"/> is the honeypot: hidden from people, so it must stay empty.</summary>
    public sealed class Input
    {
        public string? Content { get; set; }

        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Website { get; set; }

        public long? ParentId { get; set; }
    }
}
