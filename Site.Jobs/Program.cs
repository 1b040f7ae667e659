using Coravel;
using Site.Data.Comments;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.Data.Albums;
using Site.Data.Hosting;
using Site.Data.Jobs;
using Site.Data.Graph;
using Site.Data.Mail;
using Site.Data.Photos;
using Site.Data.Search;
using Site.Jobs;
using Site.Jobs.Content;
using Site.Jobs.Diagnostics;
using Site.Jobs.Heartbeat;
using Site.Jobs.Maintenance;
using Site.Jobs.Scheduling;
using Site.Jobs.Workers;

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
        host.ShutdownTimeout = jobs.ShutdownGracePeriod + JobWorker.ReleaseAllowance;
    }
});

builder.Services.AddSingleton<JobHostIdentity>();
builder.Services.AddHostedService<JobHostLifetime>();
builder.Services.AddSingleton<JobWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
builder.Services.AddHostedService<QueueDepthSampler>();
builder.Services.AddScheduler();
builder.Services.AddDistributedSchedulerMutex();
builder.Services.AddTransient<HeartbeatInvocable>();
builder.Services.AddTransient<ScheduleTickInvocable>();

// Job types this host runs, one line each.
builder.Services.AddJobHandler<CleanUpJobHistory, CleanUpJobHistoryHandler>();
builder.Services.AddJobHandler<SendMail, SendMailHandler>();
builder.Services.AddJobHandler<ProcessPhoto, ProcessPhotoHandler>();
builder.Services.AddJobHandler<NotifyPendingComments, NotifyPendingCommentsHandler>();
builder.Services.AddJobHandler<SyncContent, SyncContentHandler>();
builder.Services.AddHostedService<ContentFolderWatcher>();
builder.Services.AddJobHandler<BuildAlbumZip, BuildAlbumZipHandler>();
builder.Services.AddJobHandler<RebuildKnowledgeGraph, RebuildKnowledgeGraphHandler>();
builder.Services.AddJobHandler<TakeKnowledgeGraphScreenshot, TakeKnowledgeGraphScreenshotHandler>();
builder.Services.AddJobHandler<UpdateSearchIndex, UpdateSearchIndexHandler>();
builder.Services.AddJobHandler<RebuildSearchIndex, RebuildSearchIndexHandler>();
if (builder.Configuration.GetValue<bool>($"{JobsHostOptions.Section}:{nameof(JobsHostOptions.EnableDiagnosticJobs)}"))
{
    builder.Services.AddJobHandler<DiagnosticSleep, DiagnosticSleepHandler>();
}

var host = builder.Build();
if (SiteHostRunner.RefuseBadSettings(host, "Site.Jobs") is { } refused)
{
    return refused;
}

var hostId = host.Services.GetRequiredService<JobHostIdentity>().Id;
host.Services.UseScheduler(scheduler =>
    {
        // The heartbeat is per host, so its overlap key is too; the schedule tick is one for all hosts.
        scheduler.Schedule<HeartbeatInvocable>().EveryTenSeconds().PreventOverlapping($"{nameof(HeartbeatInvocable)}:{hostId}");
        scheduler.Schedule<ScheduleTickInvocable>().EveryFiveSeconds().PreventOverlapping(ScheduleTickInvocable.MutexKey);
    })
    .LogScheduledTaskProgress();

return await SiteHostRunner.RunAsync(host, "Site.Jobs");
