using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Domain.Jobs;

// Measures the job queue through one real jobs host (no-op jobs) next to a bare SQL insert + claim loop on the same
// server in the same run, so the figures say how much the product adds over PostgreSQL itself.
// Usage: Site.Bench.Jobs <admin connection string> <path to Site.Jobs.dll> [jobs for throughput] [jobs for latency]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Site.Bench.Jobs <admin connection string> <Site.Jobs.dll> [throughput jobs] [latency jobs]");
    return 2;
}

var admin = args[0];
var jobsHost = args[1];
var throughputJobs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000;
var latencyJobs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 300;
var latencySpacing = TimeSpan.FromMilliseconds(20);

var database = await Bench.CreateDatabaseAsync(admin);
Console.WriteLine($"Benchmark database {new NpgsqlConnectionStringBuilder(database).Database}; {Environment.ProcessorCount} cores; " +
    $"{throughputJobs} jobs for throughput, {latencyJobs} for latency ({1000 / latencySpacing.TotalMilliseconds:0}/s).");

var bare = await BareSql.RunAsync(database, throughputJobs, latencyJobs, latencySpacing);
var product = await ThroughJobsHost.RunAsync(database, jobsHost, throughputJobs, latencyJobs, latencySpacing);

Console.WriteLine();
Console.WriteLine($"{"",-34}{"jobs/s",10}{"start p50",12}{"start p95",12}");
Bench.Print("bare SQL insert + claim loop", bare);
Bench.Print("Site.Jobs host, no-op jobs", product);
Console.WriteLine($"{"goal (issue 3)",-34}{"≥ 1000",10}{"",12}{"≤ 100 ms",12}");
var met = product.JobsPerSecond >= 1000 && product.P95 <= TimeSpan.FromMilliseconds(100);
Console.WriteLine(met ? "Goals met." : "Goals NOT met.");
return 0;

/// <summary>Throughput and enqueue-to-start latency of one way of running jobs.</summary>
internal sealed record BenchResult(double JobsPerSecond, TimeSpan P50, TimeSpan P95);

internal static class Bench
{
    public static async Task<string> CreateDatabaseAsync(string admin)
    {
        const string name = "site_bench";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER site", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Username = "site" }.ConnectionString;
        await using var db = CreateContext(connectionString);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    public static SiteDbContext CreateContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SiteDbContext>();
        SiteDatabase.Configure(options, connectionString);
        return new SiteDbContext(options.Options);
    }

    public static TimeSpan Percentile(List<TimeSpan> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static BenchResult Result(double jobsPerSecond, List<TimeSpan> latencies)
    {
        latencies.Sort();
        return new BenchResult(jobsPerSecond, Percentile(latencies, 0.50), Percentile(latencies, 0.95));
    }

    public static void Print(string name, BenchResult result) =>
        Console.WriteLine($"{name,-34}{result.JobsPerSecond,10:0}{Ms(result.P50),12}{Ms(result.P95),12}");

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}

/// <summary>
/// The floor: a table of rows inserted and claimed with FOR UPDATE SKIP LOCKED (batches of 8, then deleted) from one
/// connection, and a LISTEN consumer that claims as soon as a NOTIFY arrives. It commits its claims the way the
/// queue's bookkeeping does (<see cref="JobsDataSource"/>), so the two are compared like for like.
/// </summary>
internal static class BareSql
{
    public static async Task<BenchResult> RunAsync(string connectionString, int throughputJobs, int latencyJobs, TimeSpan spacing)
    {
        await using var source = JobsDataSource.Create(connectionString);
        await using (var create = source.CreateCommand(
            "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, payload jsonb NOT NULL, inserted_at timestamptz NOT NULL DEFAULT clock_timestamp(), claimed_at timestamptz)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = source.CreateCommand("INSERT INTO bench_bare (payload) SELECT '{}' FROM generate_series(1, @n)"))
        {
            insert.Parameters.AddWithValue("n", throughputJobs);
            await insert.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using var connection = await source.OpenConnectionAsync();
        while (true)
        {
            var ids = await ClaimAsync(connection);
            if (ids.Length == 0)
            {
                break;
            }

            await using var delete = new NpgsqlCommand("DELETE FROM bench_bare WHERE id = ANY(@ids)", connection);
            delete.Parameters.AddWithValue("ids", ids);
            await delete.ExecuteNonQueryAsync();
        }

        var jobsPerSecond = throughputJobs / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"bare SQL: claimed and deleted {throughputJobs} rows in {clock.Elapsed.TotalSeconds:0.00} s");

        await using var listener = await source.OpenConnectionAsync();
        await using (var listen = new NpgsqlCommand("LISTEN bench_bare", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        using var stop = new CancellationTokenSource();
        var consumer = Task.Run(async () =>
        {
            var claimed = 0;
            while (claimed < latencyJobs)
            {
                await listener.WaitAsync(stop.Token);
                claimed += (await ClaimAsync(listener)).Length;
            }
        });
        for (var i = 0; i < latencyJobs; i++)
        {
            await using var produce = source.CreateCommand("INSERT INTO bench_bare (payload) VALUES ('{}'); NOTIFY bench_bare");
            await produce.ExecuteNonQueryAsync();
            await Task.Delay(spacing);
        }

        if (await Task.WhenAny(consumer, Task.Delay(TimeSpan.FromSeconds(30))) != consumer)
        {
            await stop.CancelAsync();
            throw new TimeoutException("the bare LISTEN consumer did not claim every row");
        }

        var latencies = new List<TimeSpan>();
        await using (var read = source.CreateCommand("SELECT claimed_at - inserted_at FROM bench_bare WHERE claimed_at IS NOT NULL"))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                latencies.Add(reader.GetTimeSpan(0));
            }
        }

        return Bench.Result(jobsPerSecond, latencies);
    }

    private static async Task<long[]> ClaimAsync(NpgsqlConnection connection)
    {
        await using var claim = new NpgsqlCommand("""
            UPDATE bench_bare SET claimed_at = clock_timestamp()
            WHERE id IN (SELECT id FROM bench_bare WHERE claimed_at IS NULL ORDER BY id LIMIT 8 FOR UPDATE SKIP LOCKED)
            RETURNING id
            """, connection);
        var ids = new List<long>();
        await using var reader = await claim.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}

/// <summary>The product: jobs enqueued with <see cref="JobQueue"/> and run by a real Site.Jobs process.</summary>
internal static class ThroughJobsHost
{
    private static readonly JobRequest NoOp = new("diagnostics.sleep", JobQueues.Default, """{"milliseconds":0}""");

    public static async Task<BenchResult> RunAsync(string connectionString, string jobsHostDll, int throughputJobs, int latencyJobs, TimeSpan spacing)
    {
        var start = new ProcessStartInfo("dotnet", [jobsHostDll])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(jobsHostDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Site__Database__ConnectionString"] = connectionString;
        start.Environment["Site__Jobs__EnableDiagnosticJobs"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var host = Process.Start(start)!;
        host.OutputDataReceived += (_, _) => { };
        host.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[jobs host] " + e.Data); };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            await WaitAsync(connectionString, "SELECT count(*) FROM job_hosts WHERE stopped_at IS NULL", count => count > 0, TimeSpan.FromSeconds(60));
            return await MeasureAsync(connectionString, throughputJobs, latencyJobs, spacing);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    private static async Task<BenchResult> MeasureAsync(string connectionString, int throughputJobs, int latencyJobs, TimeSpan spacing)
    {
        // Warm-up: the first jobs pay for JIT compilation in the host.
        await EnqueueEachAsync(connectionString, 200, TimeSpan.Zero);
        await WaitAsync(connectionString, "SELECT count(*) FROM jobs", count => count == 0, TimeSpan.FromSeconds(60));
        await using (var db = Bench.CreateContext(connectionString))
        {
            await db.JobRuns.ExecuteDeleteAsync();
        }

        DateTimeOffset committed;
        await using (var db = Bench.CreateContext(connectionString))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < throughputJobs; i++)
            {
                await JobQueue.EnqueueAsync(db, NoOp);
            }

            await transaction.CommitAsync();
            committed = DateTimeOffset.UtcNow;
        }

        await WaitAsync(connectionString, "SELECT count(*) FROM jobs", count => count == 0, TimeSpan.FromMinutes(10));
        double jobsPerSecond;
        await using (var db = Bench.CreateContext(connectionString))
        {
            var last = await db.JobRuns.MaxAsync(r => r.FinishedAt);
            var succeeded = await db.JobRuns.CountAsync(r => r.Outcome == JobRunOutcome.Succeeded);
            var elapsed = last!.Value - committed;
            jobsPerSecond = succeeded / elapsed.TotalSeconds;
            Console.WriteLine($"jobs host: ran {succeeded} no-op jobs in {elapsed.TotalSeconds:0.00} s after one commit");
            await db.JobRuns.ExecuteDeleteAsync();
        }

        await EnqueueEachAsync(connectionString, latencyJobs, spacing);
        await WaitAsync(connectionString, "SELECT count(*) FROM jobs", count => count == 0, TimeSpan.FromSeconds(60));
        await using (var db = Bench.CreateContext(connectionString))
        {
            var latencies = await db.JobRuns.Select(r => r.StartedAt - r.EnqueuedAt).ToListAsync();
            return Bench.Result(jobsPerSecond, latencies);
        }
    }

    /// <summary>One job per transaction, as a web request enqueues them.</summary>
    private static async Task EnqueueEachAsync(string connectionString, int count, TimeSpan spacing)
    {
        await using var db = Bench.CreateContext(connectionString);
        for (var i = 0; i < count; i++)
        {
            await JobQueue.EnqueueAsync(db, NoOp);
            if (spacing > TimeSpan.Zero)
            {
                await Task.Delay(spacing);
            }
        }
    }

    private static async Task WaitAsync(string connectionString, string countSql, Func<long, bool> done, TimeSpan timeout)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var command = source.CreateCommand(countSql);
            if (done((long)(await command.ExecuteScalarAsync())!))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {timeout} for: {countSql}");
            }

            await Task.Delay(20);
        }
    }
}
