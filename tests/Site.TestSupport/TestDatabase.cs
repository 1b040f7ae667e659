using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Site.Data.Persistence;

namespace Site.TestSupport;

/// <summary>
/// A fresh, fully migrated database on the test PostgreSQL server, dropped when disposed. Use it as a class fixture
/// so each test class works on its own data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connection string of the database's owner role.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var name = "site_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(TestServices.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER site", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestServices.PostgresAdmin) { Database = name, Username = "site" };
        var database = new TestDatabase(name, builder.ConnectionString);
        if (migrate)
        {
            await using var db = database.CreateContext();
            await db.Database.MigrateAsync();
        }

        return database;
    }

    public SiteDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<SiteDbContext>();
        SiteDatabase.Configure(options, ConnectionString);
        return new SiteDbContext(options.Options);
    }

    /// <summary>A context factory for code that takes one (the content sync, the read writer).</summary>
    public IDbContextFactory<SiteDbContext> CreateContextFactory() => new ContextFactory(this);

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<SiteDbContext>
    {
        public SiteDbContext CreateDbContext() => database.CreateContext();
    }

    /// <summary>A service provider with the migrator's dependencies, for tests of <see cref="SiteDatabase.MigrateAsync"/>.</summary>
    public IServiceProvider CreateServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddDbContext<SiteDbContext>(o => SiteDatabase.Configure(o, ConnectionString));
        return services.BuildServiceProvider();
    }


    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServices.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
