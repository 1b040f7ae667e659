using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Site.Data.Caching;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.Data.Health;
using Site.Data.Jobs;
using Site.Data.Mail;
using Site.Data.Persistence;
using Site.Data.Albums;
using Site.Data.Photos;
using Site.Data.Search;
using Site.Data.Storage;
using Site.Domain.Health;
using StackExchange.Redis;

namespace Site.Data.Hosting;

/// <summary>What both hosts share: settings, logging, telemetry, health checks and the data adapters.</summary>
public static class SiteHostDefaults
{
    /// <summary>Prefix of every meter and activity source of ours, so telemetry picks them all up.</summary>
    public const string TelemetryPrefix = "Site.";

    /// <summary>The product version, from the assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(SiteHostDefaults).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    public static IHostApplicationBuilder AddSiteDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Hosts.JobHostHeartbeats>();

        services.AddSiteOptions<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSiteOptions<CacheOptions>(CacheOptions.Section);
        services.AddSiteOptions<StorageOptions>(StorageOptions.Section);
        services.AddSiteOptions<MailOptions>(MailOptions.Section);
        services.AddSiteOptions<PhotoOptions>(PhotoOptions.Section);
        services.AddSiteOptions<Graph.GraphScreenshotOptions>(Graph.GraphScreenshotOptions.Section);

        AddTelemetry(builder, serviceName);
        AddDatabase(services);
        AddCache(services);
        AddStorage(services);
        AddMail(services);
        services.AddSiteDataProtection();
        services.AddJobQueue();
        AddPhotos(services);
        services.AddSiteContent();
        services.AddSiteSearch();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(SiteHealthChecks.Database, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5))
            .AddCheck<CacheHealthCheck>(SiteHealthChecks.Cache, HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(5))
            .AddCheck<StorageHealthCheck>(SiteHealthChecks.Storage, HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(5))
            .AddCheck<JobsHeartbeatHealthCheck>(SiteHealthChecks.Jobs, HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    private static void AddTelemetry(IHostApplicationBuilder builder, string serviceName)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: Version))
            .WithTracing(tracing => tracing
                .AddSource(TelemetryPrefix + "*")
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql"))
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryPrefix + "*")
                .AddRuntimeInstrumentation()
                .AddHttpClientInstrumentation());

        // Exported only where a collector is configured, through the standard OTEL_* variables.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    private static void AddDatabase(IServiceCollection services)
    {
        services.AddPooledDbContextFactory<SiteDbContext>((sp, options) =>
            SiteDatabase.Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SiteDbContext>>().CreateDbContext());
        // Raw SQL where EF Core adds nothing: the job queue's claim, lease and result statements.
        services.AddSingleton(sp => JobsDataSource.Create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
    }

    private static void AddCache(IServiceCollection services)
    {
        services.AddSingleton<IDistributedCache>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CacheOptions>>().Value;
            IDistributedCache inner = options.Kind switch
            {
                CacheKind.Redis => new RedisCache(Options.Create(new RedisCacheOptions
                {
                    ConfigurationOptions = RedisConfiguration(options.Redis!),
                    InstanceName = "site:",
                })),
                _ => new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())),
            };
            return new FailSoftDistributedCache(inner, sp.GetRequiredService<ILogger<FailSoftDistributedCache>>());
        });
    }

    /// <summary>
    /// Redis settings for a site that must stay up without Redis: never give up connecting, keep reconnecting in the
    /// background, and fail commands at once while disconnected instead of queueing them.
    /// </summary>
    public static ConfigurationOptions RedisConfiguration(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5000;
        options.SyncTimeout = 5000;
        options.AsyncTimeout = 5000;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    private static void AddStorage(IServiceCollection services)
    {
        services.AddSingleton<LocalFolderStorage>();
        services.AddSingleton<IObjectStorage>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Kind switch
        {
            StorageKind.S3 => ActivatorUtilities.CreateInstance<S3ObjectStorage>(sp),
            _ => sp.GetRequiredService<LocalFolderStorage>(),
        });
    }

    /// <summary>Upload intake for the web host, processing for the jobs host, similar-photo search for both.</summary>
    public static IServiceCollection AddPhotos(this IServiceCollection services)
    {
        services.AddSingleton<PhotoIntake>();
        services.AddSingleton<PhotoRenderer>();
        services.AddSingleton(sp => new PhotoProcessor(
            sp.GetRequiredService<IDbContextFactory<SiteDbContext>>(),
            sp.GetRequiredService<IObjectStorage>(),
            sp.GetRequiredService<PhotoRenderer>(),
            sp.GetRequiredService<IOptions<PhotoOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PhotoProcessor>>()));
        services.AddSingleton<SimilarPhotos>();
        services.AddSingleton<PhotoLibrary>();
        services.AddSingleton<AlbumEditor>();
        services.AddSingleton<AlbumGallery>();
        services.AddSingleton<AlbumZipBuilder>();
        services.AddSingleton<AlbumAdminQuery>();
        return services;
    }

    /// <summary>Live notice of photo changes for screens in this process (the web host's upload and photo pages).</summary>
    public static IServiceCollection AddPhotoActivity(this IServiceCollection services)
    {
        services.AddSingleton<PhotoActivity>();
        services.AddSingleton<PhotoStatusQuery>();
        services.AddHostedService<PhotoActivityListener>();
        return services;
    }

    private static void AddMail(IServiceCollection services)
    {
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Kind switch
        {
            MailKind.Smtp => ActivatorUtilities.CreateInstance<SmtpMailSender>(sp),
            _ => ActivatorUtilities.CreateInstance<FolderMailSender>(sp),
        });
    }
}
