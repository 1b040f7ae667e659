using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Jobs;
using Site.TestSupport;

namespace Site.Data.Tests.Jobs;

/// <summary>A fresh migrated database with the job queue's services and a few job types that exist only in tests.</summary>
public sealed class JobsTestContext : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public JobLeases Leases => Services.GetRequiredService<JobLeases>();

    public JobExecutor Executor => Services.GetRequiredService<JobExecutor>();

    public JobMonitor Monitor => Services.GetRequiredService<JobMonitor>();

    public JobSchedules Schedules => Services.GetRequiredService<JobSchedules>();

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<SiteDbContext>(o => SiteDatabase.Configure(o, Database.ConnectionString));
        services.AddSingleton(_ => JobsDataSource.Create(Database.ConnectionString));
        services.AddJobQueue();
        services.AddJobHandler<TestSucceeds, TestSucceedsHandler>();
        services.AddJobHandler<TestFails, TestFailsHandler>();
        services.AddJobHandler<TestHangs, TestHangsHandler>();
        Services = services.BuildServiceProvider();
    }

    public SiteDbContext CreateContext() => Database.CreateContext();

    public async Task<EnqueuedJob> EnqueueAsync<TJob>(TJob job, JobEnqueueOptions? options = null) where TJob : IJob
    {
        await using var db = CreateContext();
        return await JobQueue.EnqueueAsync(db, job, options);
    }

    public async Task<Job?> FindJobAsync(long id)
    {
        await using var db = CreateContext();
        return await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id);
    }

    public async Task<List<JobRun>> RunsOfAsync(long jobId)
    {
        await using var db = CreateContext();
        return await db.JobRuns.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>Empties the queue, so a test that runs "the next job" runs its own.</summary>
    public async Task ClearQueueAsync()
    {
        await using var db = CreateContext();
        await db.Jobs.ExecuteDeleteAsync();
    }

    /// <summary>Makes a delayed job (or one waiting out its back-off) due now.</summary>
    public async Task MakeDueAsync(long jobId)
    {
        await using var db = CreateContext();
        await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
    }

    /// <summary>Claims, runs and records the next due job of the default queue, as one worker slot would.</summary>
    public async Task<(ClaimedJob Job, JobRunResult? Result)> RunNextAsync(string host = "test-host")
    {
        var claimed = Assert.Single(await Leases.ClaimAsync(JobQueues.Default, 1, host, TimeSpan.FromMinutes(1), CancellationToken.None));
        var result = await Executor.ExecuteAsync(claimed, CancellationToken.None, CancellationToken.None);
        if (result is not null)
        {
            await Leases.RecordAsync([result], CancellationToken.None);
        }

        return (claimed, result);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed record TestSucceeds(string Note) : IJob
{
    public static JobDefinition Definition { get; } = new("test.succeeds", JobQueues.Default);
}

public sealed class TestSucceedsHandler : IJobHandler<TestSucceeds>
{
    public Task RunAsync(TestSucceeds job, JobRunContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed record TestFails : IJob
{
    public static JobDefinition Definition { get; } = new("test.fails", JobQueues.Default)
    {
        Retry = new JobRetryPolicy(2, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)),
    };
}

public sealed class TestFailsHandler : IJobHandler<TestFails>
{
    public Task RunAsync(TestFails job, JobRunContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Deliberate failure on attempt {context.Attempt}");
}

public sealed record TestHangs : IJob
{
    public static JobDefinition Definition { get; } = new("test.hangs", JobQueues.Default)
    {
        Retry = JobRetryPolicy.Once,
        Timeout = TimeSpan.FromMilliseconds(200),
    };
}

public sealed class TestHangsHandler : IJobHandler<TestHangs>
{
    public Task RunAsync(TestHangs job, JobRunContext context, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
}
