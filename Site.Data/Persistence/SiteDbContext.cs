using Microsoft.EntityFrameworkCore;
using Site.Data.Hosts;
using Site.Data.Photos;

namespace Site.Data.Persistence;

/// <summary>The one database of the site, shared by the web and jobs hosts.</summary>
public sealed class SiteDbContext(DbContextOptions<SiteDbContext> options) : DbContext(options)
{
    public DbSet<JobHost> JobHosts => Set<JobHost>();

    public DbSet<Photo> Photos => Set<Photo>();

    public DbSet<PhotoVariant> PhotoVariants => Set<PhotoVariant>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Search (trigram similarity, accent folding) rests on these two trusted extensions.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasPostgresExtension("unaccent");

        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SiteDbContext).Assembly);
    }
}
