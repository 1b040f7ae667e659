using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;
using Site.Data.Configuration;
using Site.Data.Jobs;
using Site.Domain.Jobs;
using Site.Jobs.Heartbeat;

namespace Site.Jobs.Workers;

/// <summary>
/// Runs the queues on this host. Each queue claims as many due jobs as it has free slots, woken by the jobs table's
/// NOTIFY (with polling as a safety net); a keeper renews the leases of running jobs and reclaims the jobs of dead
/// hosts; results are recorded under the lease. On shutdown it stops claiming, lets running jobs finish within the
/// grace period, then cancels and releases what is left.
/// </summary>
public sealed class JobWorker : IHostedService
{
    /// <summary>Time past the grace period for cancelled jobs to return and for the rest to be released.</summary>
    public static readonly TimeSpan ReleaseAllowance = TimeSpan.FromSeconds(5);

    /// <summary>Shortest pause between claims when a due job is still locked by another host.</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);

    private readonly JobLeases _leases;
    private readonly JobExecutor _executor;
    private readonly NpgsqlDataSource _database;
    private readonly JobHostIdentity _identity;
    private readonly JobsHostOptions _options;
    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobWorker> _logger;
    private readonly JobResultWriter _results;
    private readonly Dictionary<string, WakeSignal> _wake;
    private readonly ConcurrentDictionary<long, RunningJob> _running = new();
    private readonly CancellationTokenSource _stopClaiming = new();
    private readonly CancellationTokenSource _abortRunning = new();
    private readonly CancellationTokenSource _stopBackground = new();
    private Task[] _queueLoops = [];
    private Task[] _background = [];

    public JobWorker(
        JobLeases leases,
        JobExecutor executor,
        NpgsqlDataSource database,
        JobHostIdentity identity,
        IOptions<JobsHostOptions> options,
        IOptions<DatabaseOptions> databaseOptions,
        TimeProvider clock,
        IHostApplicationLifetime lifetime,
        ILogger<JobWorker> logger)
    {
        // Claiming stops the moment the host is asked to stop, before other services' shutdown runs.
        lifetime.ApplicationStopping.Register(_stopClaiming.Cancel);
        _leases = leases;
        _executor = executor;
        _database = database;
        _identity = identity;
        _options = options.Value;
        _connectionString = databaseOptions.Value.ConnectionString;
        _clock = clock;
        _logger = logger;
        _results = new JobResultWriter(leases, database, logger);
        _wake = JobQueues.All.Where(q => _options.ConcurrencyOf(q) > 0).ToDictionary(q => q, _ => new WakeSignal());
    }

    /// <summary>Jobs this host is running now.</summary>
    public int RunningCount => _running.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new PostgresNotificationListener(_connectionString, [JobChannels.Wake],
            (_, queue) => _wake.GetValueOrDefault(queue)?.Set(),
            // Jobs enqueued while the connection was down sent their NOTIFY into the void: look now.
            WakeAll,
            _logger);
        _background =
        [
            Task.Run(() => listener.RunAsync(_stopBackground.Token), CancellationToken.None),
            Task.Run(() => KeepLeasesAsync(_stopBackground.Token), CancellationToken.None),
            Task.Run(() => _results.RunAsync(_stopBackground.Token), CancellationToken.None),
        ];
        _queueLoops = _wake.Keys
            .Select(queue => Task.Run(() => RunQueueAsync(queue, _options.ConcurrencyOf(queue), _stopClaiming.Token), CancellationToken.None))
            .ToArray();
        _logger.LogInformation("Jobs host {HostId} runs queues {Queues} (lease {Lease}, poll every {Poll})",
            _identity.Id, string.Join(", ", _wake.Keys.Select(q => $"{q}×{_options.ConcurrencyOf(q)}")), _options.LeaseDuration, _options.PollInterval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopClaiming.CancelAsync();
        await Task.WhenAll(_queueLoops);

        var inFlight = _running.Values.ToList();
        if (inFlight.Count > 0)
        {
            _logger.LogInformation("Stopped claiming; waiting up to {Grace} for {Count} running job(s)", _options.ShutdownGracePeriod, inFlight.Count);
            var finished = Task.WhenAll(inFlight.Select(r => r.Completion));
            if (await Task.WhenAny(finished, Task.Delay(_options.ShutdownGracePeriod, CancellationToken.None)) != finished)
            {
                _logger.LogWarning("{Count} job(s) still running after the grace period; cancelling them and putting them back in the queue", _running.Count);
                await _abortRunning.CancelAsync();
                await Task.WhenAny(finished, Task.Delay(ReleaseAllowance / 2, CancellationToken.None));
            }
        }

        // Handlers that ignored cancellation are released here; their late results are refused by the lease check.
        var stuck = _running.Values.ToList();
        var releases = stuck.Select(r => _results.RecordAsync(
            new JobRunResult(r.Job.RunId, JobRunOutcome.Interrupted, JobFollowUp.Release, r.Elapsed,
                "The jobs host shut down and the job did not stop when cancelled; it went back to the queue."), r.Job)).ToList();
        _results.Complete();
        var written = Task.WhenAll(releases);
        if (await Task.WhenAny(written, Task.Delay(ReleaseAllowance / 2, CancellationToken.None)) != written)
        {
            _logger.LogWarning("Could not record every result before stopping; leases of the rest will expire and other hosts take them over");
        }

        await _stopBackground.CancelAsync();
        await Task.WhenAll(_background);
    }

    private void WakeAll()
    {
        foreach (var signal in _wake.Values)
        {
            signal.Set();
        }
    }

    private async Task RunQueueAsync(string queue, int concurrency, CancellationToken stopping)
    {
        // Not disposed: jobs still running when the loop ends release their slots afterwards.
        var slots = new SemaphoreSlim(concurrency, concurrency);
        var wake = _wake[queue];
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var free = 1;
            while (free < concurrency && slots.Wait(0))
            {
                free++;
            }

            IReadOnlyList<ClaimedJob> claimed;
            try
            {
                claimed = await _leases.ClaimAsync(queue, free, _identity.Id, _options.LeaseDuration, stopping);
                if (failures > 0)
                {
                    _logger.LogInformation("Queue {Queue} claims again after {Failures} failed attempt(s)", queue, failures);
                }

                failures = 0;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                slots.Release(free);
                if (failures++ == 0)
                {
                    _logger.LogWarning(ex, "Queue {Queue} cannot claim jobs; retrying until the database answers", queue);
                }

                _database.Clear();
                await WaitQuietlyAsync(wake, TimeSpan.FromMilliseconds(Math.Min(250 * failures, 5000)), stopping);
                continue;
            }
            catch (OperationCanceledException)
            {
                slots.Release(free);
                break;
            }

            if (claimed.Count < free)
            {
                slots.Release(free - claimed.Count);
            }

            foreach (var job in claimed)
            {
                Start(job, slots);
            }

            if (claimed.Count < free)
            {
                await WaitQuietlyAsync(wake, await TimeUntilNextDueAsync(queue, stopping), stopping);
            }
        }
    }

    private void Start(ClaimedJob job, SemaphoreSlim slots)
    {
        var running = new RunningJob(job, _clock);
        _running[job.RunId] = running;
        running.Completion = Task.Run(async () =>
        {
            var slotHandedOver = false;
            try
            {
                var result = await _executor.ExecuteAsync(job, _abortRunning.Token, running.LeaseLost.Token);
                running.HandlerFinished = true;
                if (result is not null)
                {
                    slotHandedOver = true;
                    await _results.RecordAsync(result, job, slots);
                }
            }
            finally
            {
                _running.TryRemove(job.RunId, out _);
                running.LeaseLost.Dispose();
                if (!slotHandedOver)
                {
                    slots.Release();
                }
            }
        });
    }

    /// <summary>How long an idle queue sleeps: until its next delayed job is due, at most the poll interval.</summary>
    private async Task<TimeSpan> TimeUntilNextDueAsync(string queue, CancellationToken stopping)
    {
        try
        {
            if (await _leases.NextDueAsync(queue, stopping) is { } due)
            {
                var untilDue = due - _clock.GetUtcNow();
                return untilDue < MinimumWait ? MinimumWait : untilDue < _options.PollInterval ? untilDue : _options.PollInterval;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The next claim reports the database problem; here the poll interval is a fine answer.
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping while asking: the wait that follows returns at once and the loop ends.
        }

        return _options.PollInterval;
    }

    private static async Task WaitQuietlyAsync(WakeSignal wake, TimeSpan timeout, CancellationToken stopping)
    {
        try
        {
            await wake.WaitAsync(timeout, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends at its next check.
        }
    }

    /// <summary>Renews the leases of this host's running jobs and reclaims expired leases of any host, every third of a lease.</summary>
    private async Task KeepLeasesAsync(CancellationToken stopping)
    {
        var interval = _options.LeaseDuration / 3;
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stopping);
                var running = _running.Values.ToList();
                if (running.Count > 0)
                {
                    var renewed = await _leases.RenewAsync(_identity.Id, running.Select(r => r.Job.RunId).ToList(), _options.LeaseDuration, stopping);
                    foreach (var lost in running.Where(r => !renewed.Contains(r.Job.RunId) && !r.HandlerFinished))
                    {
                        _logger.LogWarning("Lost the lease of job {JobId} ({JobType}); cancelling this attempt", lost.Job.JobId, lost.Job.Type);
                        lost.CancelLease();
                    }
                }

                var reclaimed = await _leases.ReclaimExpiredAsync(stopping);
                if (reclaimed > 0)
                {
                    _logger.LogWarning("Reclaimed {Count} job(s) whose host stopped renewing its lease", reclaimed);
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (failures++ == 0)
                {
                    _logger.LogWarning(ex, "Cannot renew or reclaim job leases; retrying");
                }

                _database.Clear();
            }
        }
    }

    private sealed class RunningJob(ClaimedJob job, TimeProvider clock)
    {
        private readonly long _started = clock.GetTimestamp();

        public ClaimedJob Job { get; } = job;

        public CancellationTokenSource LeaseLost { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;

        public volatile bool HandlerFinished;

        public TimeSpan Elapsed => clock.GetElapsedTime(_started);

        public void CancelLease()
        {
            try
            {
                LeaseLost.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The job ended between the renewal and now.
            }
        }
    }
}
