using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Site.Data.Accounts;
using Site.Data.Content;
using Site.Domain.Comments;

namespace Site.Data.Comments;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("comments");
        builder.Property(c => c.AuthorName).HasMaxLength(CommentRules.MaxNameLength);
        builder.Property(c => c.AuthorEmail).HasMaxLength(CommentRules.MaxEmailLength);
        builder.Property(c => c.Markdown).HasMaxLength(CommentRules.MaxContentLength);
        builder.Property(c => c.ModerationNote).HasMaxLength(CommentModeration.MaxNoteLength);
        builder.Property(c => c.ClientHash).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Post>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        // Replies go with the comment they answer, in the database, so no path can leave them orphaned.
        builder.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SiteUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.PostId, c.Status });
        builder.HasIndex(c => new { c.Status, c.CreatedAt });
        // The rate limit counts one client's comments over the last day.
        builder.HasIndex(c => new { c.ClientHash, c.CreatedAt });
    }
}

internal sealed class CommentVoteConfiguration : IEntityTypeConfiguration<CommentVote>
{
    public void Configure(EntityTypeBuilder<CommentVote> builder)
    {
        builder.ToTable("comment_votes");
        builder.HasKey(v => new { v.CommentId, v.UserId });
        builder.Property(v => v.Direction).HasConversion<short>();
        builder.HasOne<Comment>().WithMany().HasForeignKey(v => v.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SiteUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
