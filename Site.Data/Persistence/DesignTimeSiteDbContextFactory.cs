using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Site.Data.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running host or database.</summary>
internal sealed class DesignTimeSiteDbContextFactory : IDesignTimeDbContextFactory<SiteDbContext>
{
    public SiteDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SiteDbContext>();
        SiteDatabase.Configure(options, "Host=127.0.0.1;Database=site_design_time");
        return new SiteDbContext(options.Options);
    }
}
