using Site.Data.Jobs;
using Site.Domain.Jobs;

namespace Site.Jobs.Diagnostics;

/// <summary>
/// A job of known length (0 ms is a no-op), to push real jobs through a real host: used by the reliability tests and
/// the benchmark. Registered only when Site:Jobs:EnableDiagnosticJobs is true.
/// </summary>
public sealed record DiagnosticSleep(int Milliseconds) : IJob
{
    public static JobDefinition Definition { get; } = new("diagnostics.sleep", JobQueues.Default)
    {
        Retry = new JobRetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)),
        Timeout = TimeSpan.FromMinutes(10),
    };
}

public sealed class DiagnosticSleepHandler : IJobHandler<DiagnosticSleep>
{
    public Task RunAsync(DiagnosticSleep job, JobRunContext context, CancellationToken cancellationToken) =>
        job.Milliseconds > 0 ? Task.Delay(job.Milliseconds, cancellationToken) : Task.CompletedTask;
}
