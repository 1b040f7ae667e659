using Coravel;
using Site.Data.Configuration;
using Site.Data.Hosting;
using Site.Jobs;
using Site.Jobs.Heartbeat;

var builder = Host.CreateApplicationBuilder(args);
builder.AddSiteDefaults("site-jobs");
builder.Services.AddSiteOptions<JobsHostOptions>(JobsHostOptions.Section);
// HostOptions are read while the host is built, before SiteHostRunner checks the settings: going through
// IOptions<JobsHostOptions> here would throw a bad grace period out of Build() as a crash instead of a refusal that
// names the setting. So take the value only when it is valid; when it is not, the start-up check reports it.
builder.Services.AddOptions<HostOptions>().Configure(host =>
{
    var jobs = new JobsHostOptions();
    try
    {
        builder.Configuration.GetSection(JobsHostOptions.Section).Bind(jobs);
    }
    catch (InvalidOperationException)
    {
        return;
    }

    if (!jobs.Validate(JobsHostOptions.Section).Any())
    {
        host.ShutdownTimeout = jobs.ShutdownGracePeriod;
    }
});

builder.Services.AddSingleton<JobHostIdentity>();
builder.Services.AddHostedService<JobHostLifetime>();
builder.Services.AddScheduler();
builder.Services.AddTransient<HeartbeatInvocable>();

var host = builder.Build();
host.Services.UseScheduler(scheduler =>
        scheduler.Schedule<HeartbeatInvocable>().EveryTenSeconds().PreventOverlapping(nameof(HeartbeatInvocable)))
    .LogScheduledTaskProgress();

return await SiteHostRunner.RunAsync(host, "Site.Jobs");
