using Npgsql;

namespace Site.Data.Jobs;

/// <summary>A job a host has claimed: it holds the lease until it records the result or stops renewing.</summary>
public sealed record ClaimedJob(long JobId, long RunId, string Type, string Queue, string Payload, int Attempt, DateTimeOffset EnqueuedAt);

/// <summary>What happens to the job after an attempt.</summary>
public enum JobFollowUp
{
    /// <summary>Done: the job leaves the queue.</summary>
    Remove,

    /// <summary>Failed with attempts left: back to pending after the retry delay.</summary>
    Retry,

    /// <summary>Failed for good: kept as failed with its error until someone retries it.</summary>
    DeadLetter,

    /// <summary>Not finished because the host is stopping: back to pending at once, the attempt not counted.</summary>
    Release,
}

/// <summary>The result of one attempt, to be recorded under the attempt's lease.</summary>
public sealed record JobRunResult(long RunId, JobRunOutcome Outcome, JobFollowUp FollowUp, TimeSpan Duration, string? Error = null, TimeSpan RetryDelay = default);

/// <summary>
/// The worker side of the queue, in single SQL statements: claim (FOR UPDATE SKIP LOCKED, setting the lease and the
/// run record at once), renew leases, record results only while the lease is still ours, and reclaim expired leases.
/// A job's <c>run_id</c> is its lease token: a reclaimed job gets a new one, so a late result of the old run is refused.
/// </summary>
public sealed class JobLeases(NpgsqlDataSource database)
{
    /// <summary>Claims up to <paramref name="limit"/> due jobs of <paramref name="queue"/> for <paramref name="hostId"/>.</summary>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string queue, int limit, string hostId, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH picked AS (
                SELECT id FROM jobs
                WHERE queue = @queue AND status = 'pending' AND run_at <= now()
                ORDER BY run_at, id
                LIMIT @limit
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE jobs j
                SET status = 'running', attempt = j.attempt + 1, locked_by = @host, locked_until = now() + @lease,
                    run_id = nextval(pg_get_serial_sequence('job_runs', 'id'))
                FROM picked WHERE j.id = picked.id
                RETURNING j.id, j.run_id, j.type, j.queue, j.payload, j.attempt, j.enqueued_at
            ), runs AS (
                INSERT INTO job_runs (id, job_id, job_type, queue, arguments, attempt, host, enqueued_at, started_at, outcome)
                SELECT run_id, id, type, queue, payload, attempt, @host, enqueued_at, now(), 'running' FROM claimed
            )
            SELECT id, run_id, type, queue, payload::text, attempt, enqueued_at FROM claimed ORDER BY id
            """;
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("host", hostId);
        command.Parameters.AddWithValue("lease", lease);
        var claimed = new List<ClaimedJob>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedJob(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return claimed;
    }

    /// <summary>When the earliest pending job of <paramref name="queue"/> comes due, or null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(string queue, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT min(run_at) FROM jobs WHERE queue = @queue AND status = 'pending'");
        command.Parameters.AddWithValue("queue", queue);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime due ? new DateTimeOffset(due, TimeSpan.Zero) : null;
    }

    /// <summary>Extends the leases of <paramref name="runIds"/>; returns those still ours (a missing one was reclaimed).</summary>
    public async Task<IReadOnlySet<long>> RenewAsync(string hostId, IReadOnlyCollection<long> runIds, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            UPDATE jobs SET locked_until = now() + @lease
            WHERE run_id = ANY(@run_ids) AND status = 'running' AND locked_by = @host
            RETURNING run_id
            """);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("run_ids", runIds.ToArray());
        command.Parameters.AddWithValue("host", hostId);
        return await ReadRunIdsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Records results, each only if its lease is still held (the job is running under that run id). Returns the run
    /// ids recorded; a missing one had been reclaimed, so another attempt owns the job now.
    /// </summary>
    public async Task<IReadOnlySet<long>> RecordAsync(IReadOnlyList<JobRunResult> results, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH result AS (
                SELECT * FROM unnest(@run_ids, @outcomes, @follow_ups, @errors, @retry_delays, @durations)
                    AS r(run_id, outcome, follow_up, error, retry_delay, duration)
            ), removed AS (
                DELETE FROM jobs j USING result r
                WHERE j.run_id = r.run_id AND j.status = 'running' AND r.follow_up = 'remove'
                RETURNING j.run_id
            ), kept AS (
                UPDATE jobs j SET
                    status = CASE WHEN r.follow_up = 'dead_letter' THEN 'failed' ELSE 'pending' END,
                    run_at = CASE WHEN r.follow_up = 'retry' THEN now() + r.retry_delay ELSE now() END,
                    attempt = CASE WHEN r.follow_up = 'release' THEN j.attempt - 1 ELSE j.attempt END,
                    finished_at = CASE WHEN r.follow_up = 'dead_letter' THEN now() END,
                    last_error = COALESCE(r.error, j.last_error),
                    locked_by = NULL, locked_until = NULL
                FROM result r
                WHERE j.run_id = r.run_id AND j.status = 'running' AND r.follow_up <> 'remove'
                RETURNING j.run_id
            )
            UPDATE job_runs jr SET outcome = r.outcome, error = r.error, duration = r.duration, finished_at = now()
            FROM result r
            WHERE jr.id = r.run_id AND jr.id IN (SELECT run_id FROM removed UNION ALL SELECT run_id FROM kept)
            RETURNING jr.id
            """;
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("run_ids", results.Select(r => r.RunId).ToArray());
        command.Parameters.AddWithValue("outcomes", results.Select(r => SnakeCase(r.Outcome)).ToArray());
        command.Parameters.AddWithValue("follow_ups", results.Select(r => SnakeCase(r.FollowUp)).ToArray());
        command.Parameters.AddWithValue("errors", results.Select(r => r.Error).ToArray());
        command.Parameters.AddWithValue("retry_delays", results.Select(r => r.RetryDelay).ToArray());
        command.Parameters.AddWithValue("durations", results.Select(r => r.Duration).ToArray());
        return await ReadRunIdsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Puts running jobs whose lease has expired back in the queue and closes their runs as abandoned. The attempt
    /// counts, so a job that kills its host every time still ends as a dead letter. Returns how many were reclaimed.
    /// </summary>
    public async Task<int> ReclaimExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH expired AS (
                UPDATE jobs SET status = 'pending', run_at = now(), locked_by = NULL, locked_until = NULL,
                    last_error = 'The jobs host ' || locked_by || ' stopped renewing its lease (it died or lost the database).'
                WHERE id IN (SELECT id FROM jobs WHERE status = 'running' AND locked_until < now() FOR UPDATE SKIP LOCKED)
                RETURNING run_id, last_error
            )
            UPDATE job_runs r SET outcome = 'abandoned', finished_at = now(), error = e.last_error
            FROM expired e WHERE r.id = e.run_id
            RETURNING r.id
            """);
        return (await ReadRunIdsAsync(command, cancellationToken)).Count;
    }

    private static async Task<IReadOnlySet<long>> ReadRunIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static string SnakeCase<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
