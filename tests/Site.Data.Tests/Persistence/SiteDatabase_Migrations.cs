using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Site.Data.Persistence;
using Site.TestSupport;

namespace Site.Data.Tests.Persistence;

public class SiteDatabase_Migrations
{
    [Fact]
    public async Task ModelAndMigrationsAgree()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            "The EF model has changes that no migration captures: run dotnet ef migrations add <Name> --project Site.Data --output-dir Persistence/Migrations");
    }

    [Fact]
    public async Task MigrateCreatesTheSchemaAndSearchExtensions_AndIsIdempotent()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var services = database.CreateServices();
        await SiteDatabase.MigrateAsync(services);
        await SiteDatabase.MigrateAsync(services);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension WHERE extname IN ('pg_trgm','unaccent')", connection);
        Assert.Equal("pg_trgm,unaccent", await command.ExecuteScalarAsync());
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigrateExplainsAnUnreachableDatabase()
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddDbContext<SiteDbContext>(o => SiteDatabase.Configure(o, "Host=127.0.0.1;Port=1;Database=nowhere;Username=site;Timeout=2"))
            .BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<DatabaseMigrationException>(() => SiteDatabase.MigrateAsync(services));
        Assert.Contains("Cannot reach PostgreSQL at 127.0.0.1:1", ex.Message);
    }
}
