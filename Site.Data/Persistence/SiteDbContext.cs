using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Site.Data.Accounts;
using Site.Data.Albums;
using Site.Data.Hosts;
using Site.Data.Jobs;
using Site.Data.Photos;

namespace Site.Data.Persistence;

/// <summary>
/// The one database of the site, shared by the web and jobs hosts. It holds the accounts (ASP.NET Core Identity) and
/// the Data Protection key ring too, so that every instance signs in and decrypts with the same keys.
/// </summary>
public sealed class SiteDbContext(DbContextOptions<SiteDbContext> options)
    : IdentityDbContext<SiteUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<JobHost> JobHosts => Set<JobHost>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<JobRun> JobRuns => Set<JobRun>();

    public DbSet<JobSchedule> JobSchedules => Set<JobSchedule>();

    public DbSet<Photo> Photos => Set<Photo>();

    public DbSet<PhotoVariant> PhotoVariants => Set<PhotoVariant>();

    public DbSet<PhotoSimilarity> PhotoSimilarities => Set<PhotoSimilarity>();

    public DbSet<Album> Albums => Set<Album>();

    public DbSet<AlbumPhoto> AlbumPhotos => Set<AlbumPhoto>();

    public DbSet<AlbumShareLink> AlbumShareLinks => Set<AlbumShareLink>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Search (trigram similarity, accent folding) rests on these two trusted extensions.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasPostgresExtension("unaccent");

        AccountTables.Configure(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SiteDbContext).Assembly);
    }
}
