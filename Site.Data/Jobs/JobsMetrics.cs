using System.Diagnostics.Metrics;

namespace Site.Data.Jobs;

/// <summary>OpenTelemetry metrics of the job queue, on the meter "Site.Jobs".</summary>
public sealed class JobsMetrics
{
    public const string MeterName = "Site.Jobs";

    private readonly Histogram<double> _runDuration;
    private volatile IReadOnlyList<QueueSummary> _queues = [];

    public JobsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _runDuration = meter.CreateHistogram<double>("site.jobs.run.duration", "s", "Time each job attempt spent in its handler.");
        // Observed from the last sample: a gauge callback must not query the database.
        meter.CreateObservableGauge("site.jobs.queue.depth", ObserveDepth, "{job}", "Jobs waiting in each queue, due now or delayed.");
        meter.CreateObservableGauge("site.jobs.queue.oldest_wait", ObserveOldestWait, "s", "Age of the oldest due job in each queue.");
    }

    public void RecordRun(ClaimedJob job, JobRunOutcome outcome, TimeSpan duration) =>
        _runDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("job.type", job.Type),
            new KeyValuePair<string, object?>("job.queue", job.Queue),
            new KeyValuePair<string, object?>("job.outcome", outcome.ToString()));

    /// <summary>Replaces the sample the queue gauges report.</summary>
    public void UpdateQueues(IReadOnlyList<QueueSummary> queues) => _queues = queues;

    private IEnumerable<Measurement<long>> ObserveDepth() =>
        _queues.Select(q => new Measurement<long>(q.Due + q.Delayed, new KeyValuePair<string, object?>("job.queue", q.Queue)));

    private IEnumerable<Measurement<double>> ObserveOldestWait() =>
        _queues.Select(q => new Measurement<double>(q.OldestWait?.TotalSeconds ?? 0, new KeyValuePair<string, object?>("job.queue", q.Queue)));
}
