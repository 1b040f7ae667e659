using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Persistence;
using StackExchange.Redis;

namespace Site.Data.Hosting;

/// <summary>
/// One Data Protection key ring for every instance and host, kept where all of them reach it: Redis when the site
/// is configured with Redis, else PostgreSQL. Login cookies, antiforgery tokens and reset links are protected with
/// these keys, so a restart or a second instance keeps everyone logged in.
/// </summary>
public static class SiteDataProtection
{
    /// <summary>Keys are shared only between hosts that use the same application name.</summary>
    public const string ApplicationName = "Site";

    public const string RedisKey = "site:data-protection-keys";

    public static IServiceCollection AddSiteDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<DataProtectionRedisConnection>();
        // The store is chosen from the validated settings when the key ring is first needed, not while registering.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<CacheOptions>, IServiceProvider>((keys, cache, provider) =>
            keys.XmlRepository = cache.Value.Kind == CacheKind.Redis
                ? new RedisXmlRepository(() => provider.GetRequiredService<DataProtectionRedisConnection>().Database, RedisKey)
                : new EntityFrameworkCoreXmlRepository<SiteDbContext>(provider, provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>The Redis connection of the key store, opened on first use and closed with the host.</summary>
    private sealed class DataProtectionRedisConnection(IOptions<CacheOptions> options) : IDisposable
    {
        private readonly Lazy<ConnectionMultiplexer> _connection =
            new(() => ConnectionMultiplexer.Connect(SiteHostDefaults.RedisConfiguration(options.Value.Redis!)));

        public IDatabase Database => _connection.Value.GetDatabase();

        public void Dispose()
        {
            if (_connection.IsValueCreated)
            {
                _connection.Value.Dispose();
            }
        }
    }
}
