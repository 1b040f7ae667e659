using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Site.Data.Persistence;

/// <summary>How the site talks to PostgreSQL, and how it brings the schema up to date.</summary>
public static class SiteDatabase
{
    /// <summary>Advisory lock key held while migrating, so that hosts starting together migrate one at a time.</summary>
    private const long MigrationLockKey = 0x5_17E_D8_01;

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Applies pending migrations under a PostgreSQL advisory lock. Throws <see cref="DatabaseMigrationException"/>
    /// with a message for the operator when the database cannot be reached or a migration fails.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SiteDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiteDatabase));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            var target = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
            throw new DatabaseMigrationException(
                $"Cannot reach PostgreSQL at {target.Host}:{target.Port} (database '{target.Database}'): {ex.Message}. " +
                "Check Site:Database:ConnectionString and that the server is running.", ex);
        }

        try
        {
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                logger.LogInformation("Database schema is up to date");
                return;
            }

            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DatabaseMigrationException)
        {
            throw new DatabaseMigrationException($"A database migration failed, so the host will not start: {ex.Message}", ex);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            try
            {
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The lock dies with the session anyway.
            }

            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>The schema could not be brought up to date; the message says why and what to check.</summary>
public sealed class DatabaseMigrationException(string message, Exception inner) : Exception(message, inner);
