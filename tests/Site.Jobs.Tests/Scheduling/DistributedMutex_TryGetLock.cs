using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Site.Data.Configuration;
using Site.Jobs.Scheduling;
using Site.TestSupport;

namespace Site.Jobs.Tests.Scheduling;

public class DistributedMutex_TryGetLock
{
    [Fact]
    public async Task APostgresLockHeldByOneHostIsRefusedToAnother_UntilReleased()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var firstSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var secondSource = NpgsqlDataSource.Create(database.ConnectionString);
        using var first = new PostgresAdvisoryMutex(firstSource, NullLogger<PostgresAdvisoryMutex>.Instance);
        using var second = new PostgresAdvisoryMutex(secondSource, NullLogger<PostgresAdvisoryMutex>.Instance);

        Assert.True(first.TryGetLock("job-schedules", 5));
        Assert.False(second.TryGetLock("job-schedules", 5));
        Assert.True(second.TryGetLock("another-task", 5));
        first.Release("job-schedules");
        Assert.True(second.TryGetLock("job-schedules", 5));
        second.Release("job-schedules");
        second.Release("another-task");
    }

    [Fact]
    public async Task APostgresLockDiesWithItsHoldersSession()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var firstSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var secondSource = NpgsqlDataSource.Create(database.ConnectionString);
        var dying = new PostgresAdvisoryMutex(firstSource, NullLogger<PostgresAdvisoryMutex>.Instance);
        Assert.True(dying.TryGetLock("job-schedules", 5));

        // Like a killed process: its session ends without any unlock.
        await using (var admin = new NpgsqlConnection(TestServices.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = @name)", admin);
            terminate.Parameters.AddWithValue("name", database.Name);
            await terminate.ExecuteNonQueryAsync();
        }

        using var survivor = new PostgresAdvisoryMutex(secondSource, NullLogger<PostgresAdvisoryMutex>.Instance);
        Assert.True(survivor.TryGetLock("job-schedules", 5));
        survivor.Release("job-schedules");
    }

    [Fact]
    public async Task ARedisLockHeldByOneHostIsRefusedToAnother_UntilReleased()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var cache = Options.Create(new CacheOptions { Kind = CacheKind.Redis, Redis = TestServices.Redis });
        var key = "redis-" + Guid.NewGuid().ToString("N");
        using var fallback = new PostgresAdvisoryMutex(source, NullLogger<PostgresAdvisoryMutex>.Instance);
        using var first = new RedisMutex(cache, fallback, NullLogger<RedisMutex>.Instance);
        using var second = new RedisMutex(cache, fallback, NullLogger<RedisMutex>.Instance);

        Assert.True(first.TryGetLock(key, 5));
        Assert.False(second.TryGetLock(key, 5));
        second.Release(key);
        Assert.False(second.TryGetLock(key, 5), "a host that does not hold the lock must not be able to release it");
        first.Release(key);
        Assert.True(second.TryGetLock(key, 5));
        second.Release(key);
    }
}
