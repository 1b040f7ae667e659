using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Site.Data.Jobs;

/// <summary>
/// Puts jobs in the queue through the caller's <see cref="DbContext"/>: when the context has a transaction open, the
/// job joins it, so the data that caused the job and the job commit together or not at all. Workers are woken by a
/// NOTIFY that the <c>jobs</c> table's trigger sends, which PostgreSQL delivers only at commit.
/// </summary>
/// <example>
/// <code>
/// await using var transaction = await db.Database.BeginTransactionAsync();
/// db.Photos.Add(photo);
/// await db.SaveChangesAsync();
/// await JobQueue.EnqueueAsync(db, new ProcessPhoto(photo.Id));
/// await transaction.CommitAsync();
/// </code>
/// </example>
public static class JobQueue
{
    public static Task<EnqueuedJob> EnqueueAsync<TJob>(
        DbContext db, TJob job, JobEnqueueOptions? options = null, CancellationToken cancellationToken = default)
        where TJob : IJob =>
        EnqueueAsync(db, new JobRequest(TJob.Definition.Type, TJob.Definition.Queue, JobPayloads.Serialize(job)), options, cancellationToken);

    /// <summary>
    /// Enqueues by type name. Throws <see cref="ArgumentException"/> with the reason, before touching the database,
    /// when the request or options are malformed.
    /// </summary>
    public static async Task<EnqueuedJob> EnqueueAsync(
        DbContext db, JobRequest request, JobEnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JobEnqueueOptions();
        if ((request.Problem() ?? options.Problem()) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            // An idempotent insert can meet a job that finished between its INSERT and its SELECT; one more try settles it.
            for (var round = 0; ; round++)
            {
                var enqueued = await InsertAsync(connection, transaction, request, options, cancellationToken);
                if (enqueued is not null || round == 1)
                {
                    return enqueued ?? throw new InvalidOperationException("The idempotent job changed state twice while being enqueued.");
                }
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<EnqueuedJob?> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, JobRequest request, JobEnqueueOptions options, CancellationToken cancellationToken)
    {
        const string insert = """
            INSERT INTO jobs (type, queue, payload, status, enqueued_at, run_at, attempt, debounce_key, idempotency_key)
            VALUES (@type, @queue, @payload::jsonb, 'pending', clock_timestamp(), COALESCE(@run_at, clock_timestamp()), 0, @debounce_key, @idempotency_key)
            """;
        var sql = options switch
        {
            { DebounceKey: not null } => insert + """
                 ON CONFLICT (type, debounce_key) WHERE status = 'pending'
                DO UPDATE SET payload = EXCLUDED.payload, run_at = EXCLUDED.run_at
                RETURNING id, xmax = 0 AS inserted
                """,
            { IdempotencyKey: not null } => insert + """
                 ON CONFLICT (type, idempotency_key) WHERE status IN ('pending', 'running') DO NOTHING
                RETURNING id, true AS inserted
                """,
            _ => insert + " RETURNING id, true AS inserted",
        };

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("type", request.Type);
        command.Parameters.AddWithValue("queue", request.Queue);
        command.Parameters.AddWithValue("payload", request.Payload);
        command.Parameters.AddWithValue("run_at", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)options.RunAt?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("debounce_key", NpgsqlTypes.NpgsqlDbType.Varchar, (object?)options.DebounceKey ?? DBNull.Value);
        command.Parameters.AddWithValue("idempotency_key", NpgsqlTypes.NpgsqlDbType.Varchar, (object?)options.IdempotencyKey ?? DBNull.Value);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var inserted = reader.GetBoolean(1);
                return new EnqueuedJob(reader.GetInt64(0), inserted ? JobEnqueueOutcome.Enqueued : JobEnqueueOutcome.Debounced);
            }
        }

        await using var existing = new NpgsqlCommand(
            "SELECT id FROM jobs WHERE type = @type AND idempotency_key = @key AND status IN ('pending', 'running')", connection, transaction);
        existing.Parameters.AddWithValue("type", request.Type);
        existing.Parameters.AddWithValue("key", options.IdempotencyKey!);
        return await existing.ExecuteScalarAsync(cancellationToken) is long id ? new EnqueuedJob(id, JobEnqueueOutcome.AlreadyQueued) : null;
    }
}
