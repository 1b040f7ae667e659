using Microsoft.Extensions.DependencyInjection;

namespace Site.Data.Jobs;

/// <summary>Runs one job type. Resolved from a fresh DI scope for every attempt.</summary>
public interface IJobHandler<in TJob> where TJob : IJob
{
    /// <summary>
    /// Does the work. <paramref name="cancellationToken"/> fires when the job type's timeout passes, when the host's
    /// shutdown grace period ends, or when the lease was lost; the work should stop soon after.
    /// </summary>
    Task RunAsync(TJob job, JobRunContext context, CancellationToken cancellationToken);
}

/// <summary>Which attempt this is, for handlers that log or behave differently on a retry.</summary>
public sealed record JobRunContext(long JobId, long RunId, int Attempt);

/// <summary>A job type this host can run: its definition, its argument type and how to call its handler.</summary>
public sealed record RegisteredJobType(
    JobDefinition Definition,
    Type PayloadType,
    Func<IServiceProvider, object, JobRunContext, CancellationToken, Task> Run);

/// <summary>The job types registered with <see cref="JobHandlerRegistration.AddJobHandler{TJob, THandler}"/>, by name.</summary>
public sealed class JobHandlerRegistry
{
    private readonly Dictionary<string, RegisteredJobType> _byType = new(StringComparer.Ordinal);

    public JobHandlerRegistry(IEnumerable<RegisteredJobType> registrations)
    {
        foreach (var registration in registrations)
        {
            if (registration.Definition.Problem() is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            if (!_byType.TryAdd(registration.Definition.Type, registration))
            {
                throw new InvalidOperationException(
                    $"Job type '{registration.Definition.Type}' is registered twice ({_byType[registration.Definition.Type].PayloadType.Name} and {registration.PayloadType.Name}).");
            }
        }
    }

    public IReadOnlyCollection<RegisteredJobType> All => _byType.Values;

    public RegisteredJobType? Find(string type) => _byType.GetValueOrDefault(type);
}

public static class JobHandlerRegistration
{
    /// <summary>Makes this host run jobs of type <typeparamref name="TJob"/> with <typeparamref name="THandler"/>: one line per job type.</summary>
    public static IServiceCollection AddJobHandler<TJob, THandler>(this IServiceCollection services)
        where TJob : IJob
        where THandler : class, IJobHandler<TJob>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new RegisteredJobType(
            TJob.Definition,
            typeof(TJob),
            (provider, payload, context, cancellationToken) =>
                provider.GetRequiredService<THandler>().RunAsync((TJob)payload, context, cancellationToken)));
        return services;
    }
}
