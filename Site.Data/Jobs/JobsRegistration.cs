using Microsoft.Extensions.DependencyInjection;

namespace Site.Data.Jobs;

public static class JobsRegistration
{
    /// <summary>The queue, its history and schedules, for both hosts: enqueueing, monitoring and (in the jobs host) running.</summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services)
    {
        services.AddSingleton<JobsMetrics>();
        services.AddSingleton<JobMonitor>();
        services.AddSingleton<JobSchedules>();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<JobHandlerRegistry>();
        services.AddSingleton<JobExecutor>();
        return services;
    }

    /// <summary>Live notice of job changes for screens in this process (the web host's jobs monitor).</summary>
    public static IServiceCollection AddJobActivity(this IServiceCollection services)
    {
        services.AddSingleton<JobActivity>();
        services.AddHostedService<JobActivityListener>();
        return services;
    }
}
