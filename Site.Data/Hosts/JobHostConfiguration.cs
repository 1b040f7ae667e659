using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Site.Data.Hosts;

internal sealed class JobHostConfiguration : IEntityTypeConfiguration<JobHost>
{
    public void Configure(EntityTypeBuilder<JobHost> builder)
    {
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasMaxLength(200);
        builder.Property(h => h.MachineName).HasMaxLength(200);
        builder.Property(h => h.Version).HasMaxLength(100);
        builder.HasIndex(h => h.LastSeenAt);
    }
}
