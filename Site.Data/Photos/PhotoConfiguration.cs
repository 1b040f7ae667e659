using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Site.Data.Photos;

internal sealed class PhotoConfiguration : IEntityTypeConfiguration<Photo>
{
    public void Configure(EntityTypeBuilder<Photo> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.OriginalFileName).HasMaxLength(Domain.Photos.PhotoFileName.MaxLength);
        builder.Property(p => p.OriginalKey).HasMaxLength(Domain.Storage.ObjectKey.MaxLength);
        builder.Property(p => p.Format).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(p => p.FailureReason).HasMaxLength(2000);
        builder.Property(p => p.Exif).HasColumnType("jsonb");
        builder.Property(p => p.CameraMake).HasMaxLength(200);
        builder.Property(p => p.CameraModel).HasMaxLength(200);
        builder.Property(p => p.Lens).HasMaxLength(200);
        builder.Property(p => p.FocalLength).HasMaxLength(20);
        builder.Property(p => p.Aperture).HasMaxLength(20);
        builder.Property(p => p.Shutter).HasMaxLength(20);
        // The camera's wall-clock time, not an instant: the offset (when known) is its own column.
        builder.Property(p => p.TakenAt).HasColumnType("timestamp without time zone");
        builder.Ignore(p => p.FocalPoint);
        builder.Ignore(p => p.Taken);

        builder.HasIndex(p => p.Sha256).IsUnique();
        builder.HasIndex(p => p.Status);
        builder.HasIndex(p => p.UploadedAt);
        builder.HasIndex(p => p.TakenAt);
        builder.HasIndex(p => p.HashBand0);
        builder.HasIndex(p => p.HashBand1);
        builder.HasIndex(p => p.HashBand2);
        builder.HasIndex(p => p.HashBand3);

        builder.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PhotoVariantConfiguration : IEntityTypeConfiguration<PhotoVariant>
{
    public void Configure(EntityTypeBuilder<PhotoVariant> builder)
    {
        builder.HasKey(v => v.StorageKey);
        builder.Property(v => v.StorageKey).HasMaxLength(Domain.Storage.ObjectKey.MaxLength);
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Format).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(v => new { v.PhotoId, v.Kind });
    }
}

internal sealed class PhotoSimilarityConfiguration : IEntityTypeConfiguration<PhotoSimilarity>
{
    public void Configure(EntityTypeBuilder<PhotoSimilarity> builder)
    {
        // The key answers "which photos look like this one"; the second index serves the delete cascade and the
        // clearing of a reprocessed photo's pairs from the other side.
        builder.HasKey(s => new { s.PhotoId, s.SimilarPhotoId });
        builder.HasIndex(s => s.SimilarPhotoId);
        builder.HasOne<Photo>().WithMany().HasForeignKey(s => s.PhotoId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Photo>().WithMany().HasForeignKey(s => s.SimilarPhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}
