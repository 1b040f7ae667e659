using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Site.Data.Configuration;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.TestSupport;

namespace Site.Blazor.Tests.Admin.Jobs;

/// <summary>
/// The jobs monitor rendered by bUnit as an interactive component, on the real job services and a fresh PostgreSQL
/// database, with the NOTIFY listener that makes it live.
/// </summary>
public sealed class JobsMonitorContext : IAsyncLifetime
{
    private readonly CancellationTokenSource _stopListener = new();
    private JobActivityListener? _listener;

    public TestDatabase Database { get; private set; } = null!;

    public BunitContext Bunit { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var services = Bunit.Services;
        services.AddMudServices();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<SiteDbContext>(o => SiteDatabase.Configure(o, Database.ConnectionString));
        services.AddSingleton<JobMonitor>();
        services.AddSingleton<JobSchedules>();
        services.AddSingleton<JobActivity>();
        services.AddSingleton<Site.Data.Search.SearchIndexStatus>();
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        _listener = new JobActivityListener(Options.Create(new DatabaseOptions { ConnectionString = Database.ConnectionString }),
            Bunit.Services.GetRequiredService<JobActivity>(), NullLogger<JobActivityListener>.Instance);
        await _listener.StartAsync(_stopListener.Token);
    }

    public SiteDbContext CreateContext() => Database.CreateContext();

    public async Task<long> EnqueueAsync(string type, JobEnqueueOptions? options = null)
    {
        await using var db = CreateContext();
        return (await JobQueue.EnqueueAsync(db, new JobRequest(type, Domain.Jobs.JobQueues.Default, "{}"), options)).JobId;
    }

    public async Task DisposeAsync()
    {
        await _stopListener.CancelAsync();
        if (_listener is not null)
        {
            await _listener.StopAsync(CancellationToken.None);
        }

        await Bunit.DisposeAsync();
        await Database.DisposeAsync();
    }
}
