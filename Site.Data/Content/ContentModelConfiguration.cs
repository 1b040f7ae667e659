using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Site.Domain.Blog;

namespace Site.Data.Content;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.ToTable("posts");
        builder.Property(p => p.Category).HasMaxLength(Slugs.MaxLength);
        builder.Property(p => p.Slug).HasMaxLength(Slugs.MaxLength);
        builder.Property(p => p.Title).HasMaxLength(PostMetadataRules.MaxTitleLength);
        builder.Property(p => p.Description).HasMaxLength(PostMetadataRules.MaxDescriptionLength);
        builder.Property(p => p.Image).HasMaxLength(500);
        builder.Property(p => p.SourcePath).HasMaxLength(500);
        builder.Property(p => p.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(p => new { p.Category, p.Slug }).IsUnique();
        builder.HasIndex(p => p.Number);
        builder.HasIndex(p => p.PublishedOn);
        // Tag listings ask "which posts carry this tag"; GIN answers that from the array.
        builder.HasIndex(p => p.Tags).HasMethod("gin");
    }
}

internal sealed class PostLinkConfiguration : IEntityTypeConfiguration<PostLink>
{
    public void Configure(EntityTypeBuilder<PostLink> builder)
    {
        builder.ToTable("post_links");
        builder.Property(l => l.LinkText).HasMaxLength(300);
        builder.Property(l => l.Context).HasMaxLength(300);
        builder.HasOne<Post>().WithMany().HasForeignKey(l => l.SourcePostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(l => l.TargetPostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.SourcePostId, l.TargetPostId }).IsUnique();
        builder.HasIndex(l => l.TargetPostId);
    }
}

internal sealed class PostReadConfiguration : IEntityTypeConfiguration<PostRead>
{
    public void Configure(EntityTypeBuilder<PostRead> builder)
    {
        builder.ToTable("post_reads");
        builder.HasKey(r => new { r.PostId, r.ReadOn, r.ReaderHash });
        builder.Property(r => r.ReaderHash).HasMaxLength(64).IsFixedLength();
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContentErrorConfiguration : IEntityTypeConfiguration<ContentError>
{
    public void Configure(EntityTypeBuilder<ContentError> builder)
    {
        builder.ToTable("content_errors");
        builder.Property(e => e.SourcePath).HasMaxLength(500);
        builder.Property(e => e.Message).HasMaxLength(1000);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.HasKey(c => c.Slug);
        builder.Property(c => c.Slug).HasMaxLength(Slugs.MaxLength);
        builder.Property(c => c.Name).HasMaxLength(60);
        builder.Property(c => c.Description).HasMaxLength(300);
    }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("projects");
        builder.HasKey(p => p.Slug);
        builder.Property(p => p.Slug).HasMaxLength(Slugs.MaxLength);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Description).HasMaxLength(600);
        builder.Property(p => p.Url).HasMaxLength(500);
    }
}

internal sealed class BookConfiguration : IEntityTypeConfiguration<Book>
{
    public void Configure(EntityTypeBuilder<Book> builder)
    {
        builder.ToTable("books");
        builder.HasKey(b => b.Slug);
        builder.Property(b => b.Slug).HasMaxLength(Slugs.MaxLength);
        builder.Property(b => b.Title).HasMaxLength(200);
        builder.Property(b => b.Author).HasMaxLength(200);
        builder.Property(b => b.Cover).HasMaxLength(300);
        builder.Property(b => b.Quote).HasMaxLength(600);
        builder.Property(b => b.Url).HasMaxLength(500);
    }
}

internal sealed class ContentPageConfiguration : IEntityTypeConfiguration<ContentPage>
{
    public void Configure(EntityTypeBuilder<ContentPage> builder)
    {
        builder.ToTable("content_pages");
        builder.HasKey(p => p.Slug);
        builder.Property(p => p.Slug).HasMaxLength(Slugs.MaxLength);
        builder.Property(p => p.ContentHash).HasMaxLength(64).IsFixedLength();
    }
}
