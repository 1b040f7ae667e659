using Npgsql;

namespace Site.Data.Jobs;

/// <summary>Connections for the job queue's own bookkeeping: claims, lease renewals, results, reclaims.</summary>
public static class JobsDataSource
{
    /// <summary>
    /// These statements commit without waiting for the WAL to reach disk (<c>synchronous_commit=off</c>), which takes
    /// a disk flush off every claim and every result. Nothing is lost for good: if PostgreSQL itself crashes, at most
    /// the last fraction of a second of bookkeeping is undone, so a claimed job is pending again and a finished one
    /// is running again until its lease expires; either way it runs again, which a lease-based queue must allow for
    /// anyway. Enqueueing is not affected: it commits in the caller's own, durable transaction.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.Join(' ', new[] { builder.Options, "-c synchronous_commit=off" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
