using Coravel;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Hosting;
using Site.Jobs;
using Site.Jobs.Heartbeat;

var builder = Host.CreateApplicationBuilder(args);
builder.AddSiteDefaults("site-jobs");
builder.Services.AddSiteOptions<JobsHostOptions>(JobsHostOptions.Section);
builder.Services.AddOptions<HostOptions>()
    .Configure<IOptions<JobsHostOptions>>((host, jobs) => host.ShutdownTimeout = jobs.Value.ShutdownGracePeriod);

builder.Services.AddSingleton<JobHostIdentity>();
builder.Services.AddHostedService<JobHostLifetime>();
builder.Services.AddScheduler();
builder.Services.AddTransient<HeartbeatInvocable>();

var host = builder.Build();
host.Services.UseScheduler(scheduler =>
        scheduler.Schedule<HeartbeatInvocable>().EveryTenSeconds().PreventOverlapping(nameof(HeartbeatInvocable)))
    .LogScheduledTaskProgress();

return await SiteHostRunner.RunAsync(host, "Site.Jobs");
