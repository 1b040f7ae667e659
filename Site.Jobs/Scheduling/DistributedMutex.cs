using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Coravel.Scheduling.Schedule.Interfaces;
using Microsoft.Extensions.Options;
using Npgsql;
using Site.Data.Configuration;
using Site.Data.Hosting;
using StackExchange.Redis;

namespace Site.Jobs.Scheduling;

/// <summary>
/// Coravel's overlap prevention across every jobs host, on a PostgreSQL session advisory lock held on its own
/// connection. If this process dies, PostgreSQL ends the session and the lock with it, so Coravel's lock timeout is
/// not needed. A lock that cannot be taken (held elsewhere, or the database is down) skips the tick.
/// </summary>
public sealed class PostgresAdvisoryMutex(NpgsqlDataSource database, ILogger<PostgresAdvisoryMutex> logger) : IMutex, IDisposable
{
    private readonly ConcurrentDictionary<string, NpgsqlConnection> _held = new();

    public bool TryGetLock(string key, int timeoutMinutes)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = database.OpenConnection();
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey(key));
            if (command.ExecuteScalar() is true && _held.TryAdd(key, connection))
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Cannot take the scheduler lock {Key}; skipping this run: {Reason}", key, ex.Message);
        }

        // Closing gives the session back to the pool, whose reset (DISCARD ALL) drops any lock it might still hold.
        connection?.Dispose();
        return false;
    }

    public void Release(string key)
    {
        if (!_held.TryRemove(key, out var connection))
        {
            return;
        }

        try
        {
            using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey(key));
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogDebug("Releasing scheduler lock {Key} failed ({Reason}); the lock ends with its session", key, ex.Message);
        }
        finally
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var key in _held.Keys)
        {
            Release(key);
        }
    }

    /// <summary>A stable 64-bit key per lock name (string.GetHashCode differs between processes, so it cannot serve).</summary>
    public static long LockKey(string key) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("site:scheduler:" + key)), 0);
}

/// <summary>
/// Coravel's overlap prevention on Redis, for sites that run Redis: a lock key with an expiry (Coravel's timeout) and a
/// per-process token, so only the holder releases it. While Redis is unreachable it falls back to the PostgreSQL lock,
/// so schedules keep running without Redis, as the rest of the site does.
/// </summary>
public sealed class RedisMutex : IMutex, IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _redis;
    private readonly PostgresAdvisoryMutex _fallback;
    private readonly ILogger<RedisMutex> _logger;
    private readonly string _token = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, bool> _heldInRedis = new();

    public RedisMutex(IOptions<CacheOptions> cache, PostgresAdvisoryMutex fallback, ILogger<RedisMutex> logger)
    {
        _redis = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(SiteHostDefaults.RedisConfiguration(cache.Value.Redis!)));
        _fallback = fallback;
        _logger = logger;
    }

    public bool TryGetLock(string key, int timeoutMinutes)
    {
        try
        {
            if (_redis.Value.GetDatabase().LockTake(RedisKey(key), _token, TimeSpan.FromMinutes(Math.Max(1, timeoutMinutes))))
            {
                _heldInRedis[key] = true;
                return true;
            }

            return false;
        }
        catch (RedisException ex)
        {
            _logger.LogWarning("Redis is unreachable for scheduler lock {Key} ({Reason}); using the PostgreSQL lock", key, ex.Message);
            return _fallback.TryGetLock(key, timeoutMinutes);
        }
    }

    public void Release(string key)
    {
        if (!_heldInRedis.TryRemove(key, out _))
        {
            _fallback.Release(key);
            return;
        }

        try
        {
            _redis.Value.GetDatabase().LockRelease(RedisKey(key), _token);
        }
        catch (RedisException ex)
        {
            _logger.LogDebug("Releasing scheduler lock {Key} in Redis failed ({Reason}); it expires by itself", key, ex.Message);
        }
    }

    public void Dispose()
    {
        if (_redis.IsValueCreated)
        {
            _redis.Value.Dispose();
        }
    }

    private static RedisKey RedisKey(string key) => "site:scheduler-lock:" + key;
}

public static class DistributedMutexRegistration
{
    /// <summary>Replaces Coravel's in-process mutex (register after <c>AddScheduler</c>): Redis when the cache is Redis, else PostgreSQL.</summary>
    public static IServiceCollection AddDistributedSchedulerMutex(this IServiceCollection services)
    {
        services.AddSingleton<PostgresAdvisoryMutex>();
        services.AddSingleton<RedisMutex>();
        services.AddSingleton<IMutex>(sp => sp.GetRequiredService<IOptions<CacheOptions>>().Value.Kind == CacheKind.Redis
            ? sp.GetRequiredService<RedisMutex>()
            : sp.GetRequiredService<PostgresAdvisoryMutex>());
        return services;
    }
}
