using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Site.Data.Photos;
using Site.Domain.Albums;

namespace Site.Data.Albums;

internal sealed class AlbumConfiguration : IEntityTypeConfiguration<Album>
{
    public void Configure(EntityTypeBuilder<Album> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(AlbumText.MaxTitleLength);
        builder.Property(a => a.Slug).HasMaxLength(AlbumSlug.MaxLength);
        builder.Property(a => a.Description).HasMaxLength(AlbumText.MaxDescriptionLength);
        builder.Property(a => a.ZipStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ZipKey).HasMaxLength(Domain.Storage.ObjectKey.MaxLength);
        builder.Property(a => a.ZipContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.ZipError).HasMaxLength(2000);
        builder.Ignore(a => a.ZipReady);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.HasOne<Photo>().WithMany().HasForeignKey(a => a.CoverPhotoId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.Photos).WithOne().HasForeignKey(p => p.AlbumId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.ShareLinks).WithOne().HasForeignKey(l => l.AlbumId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlbumPhotoConfiguration : IEntityTypeConfiguration<AlbumPhoto>
{
    public void Configure(EntityTypeBuilder<AlbumPhoto> builder)
    {
        builder.HasKey(p => new { p.AlbumId, p.PhotoId });
        builder.HasOne(p => p.Photo).WithMany().HasForeignKey(p => p.PhotoId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.PhotoId);
    }
}

internal sealed class AlbumShareLinkConfiguration : IEntityTypeConfiguration<AlbumShareLink>
{
    public void Configure(EntityTypeBuilder<AlbumShareLink> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Label).HasMaxLength(ShareLinkRules.MaxLabelLength);
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.Property(l => l.PasswordHash).HasMaxLength(400);
        builder.HasIndex(l => l.TokenHash).IsUnique();
    }
}
