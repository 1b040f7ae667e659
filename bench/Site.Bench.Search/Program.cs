using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Site.Data.Persistence;
using Site.Data.Search;
using Site.Domain.Search;

// Measures search on synthetic documents through the product's own indexer and queries: index build rate, then
// autocomplete and full-search latency under concurrent clients, next to a primary-key lookup of the same table over
// the same connection pool in the same run (the floor any query pays), and the plans PostgreSQL chose.
// Usage: Site.Bench.Search <admin connection string> [documents, default 100000] [seconds per measurement, default 10] [clients, default 8]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Site.Bench.Search <admin connection string> [documents] [seconds] [clients]");
    return 2;
}

var documents = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var clients = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8;
// BENCH_REUSE_INDEX=1 keeps the database of an earlier run on the same server (for iterating on queries): the index is
// brought up to date with the same synthetic documents, which writes nothing, instead of being built from empty.
var reuse = Environment.GetEnvironmentVariable("BENCH_REUSE_INDEX") == "1";
var database = await Bench.CreateDatabaseAsync(args[0], reuse);
IDbContextFactory<SiteDbContext> factory = new ContextFactory(database);
Console.WriteLine($"{documents} synthetic documents, {clients} concurrent clients, {seconds:0.#} s per measurement, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start.");

// ------------------------------------------------------------------------------------------------ index build
var words = Vocabulary.Create(6000, seed: 7);
var sources = SyntheticSource.ForAllKinds(documents, words);
var indexer = new SearchIndexer(factory, sources, TimeProvider.System, NullLogger<SearchIndexer>.Instance);
var build = Stopwatch.StartNew();
var built = await indexer.RebuildAsync();
build.Stop();
var rate = built.Written / build.Elapsed.TotalSeconds;
Console.WriteLine(reuse && built.Written == 0
    ? $"Index build: reused the existing index ({built.Read} documents checked in {build.Elapsed.TotalSeconds:0.0} s, none changed)"
    : $"Index build: {built.Written} documents in {build.Elapsed.TotalSeconds:0.0} s = {rate:0} documents/s");
await using (var connection = new NpgsqlConnection(database))
{
    await connection.OpenAsync();
    // What autovacuum does after a bulk load, done now so the measurement does not depend on when it runs.
    await using var analyze = new NpgsqlCommand("VACUUM ANALYZE search_documents, search_title_words", connection);
    analyze.CommandTimeout = 600;
    await analyze.ExecuteNonQueryAsync();
}

// ------------------------------------------------------------------------------------------------ latency
var queries = new SearchQueries(factory);
var random = new Random(11);
var searchTerms = Enumerable.Range(0, 500).Select(_ => QueryMix.FullSearch(words, random)).ToArray();
var prefixes = Enumerable.Range(0, 500).Select(_ => QueryMix.Prefix(words, random)).ToArray();
var maxId = documents;

var baseline = await Load.RunAsync(clients, seconds, async (i, ct) =>
{
    await using var db = await factory.CreateDbContextAsync(ct);
    var id = (long)(i * 7919 % maxId) + 1;
    await db.Set<SearchDocument>().AsNoTracking().Where(d => d.Id == id).Select(d => d.Title).FirstOrDefaultAsync(ct);
});
var autocomplete = await Load.RunAsync(clients, seconds, (i, ct) => queries.AutocompleteAsync(prefixes[i % prefixes.Length], false, ct));
var search = await Load.RunAsync(clients, seconds, (i, ct) => queries.SearchAsync(new SearchRequest(searchTerms[i % searchTerms.Length]), ct));

Console.WriteLine();
Console.WriteLine($"{"",-36}{"per s",10}{"p50 ms",10}{"p95 ms",10}{"p99 ms",10}{"× baseline p95",16}");
Load.Print("primary-key lookup (baseline)", baseline, baseline);
Load.Print("autocomplete", autocomplete, baseline);
Load.Print("full search (ranked, 20 + snippets)", search, baseline);

// BENCH_SHAPES=1: each shape of full-search query alone, one client at a time (where the server's time goes).
if (Environment.GetEnvironmentVariable("BENCH_SHAPES") == "1")
{
    Console.WriteLine();
    for (var shape = 0; shape < QueryMix.Shapes.Length; shape++)
    {
        var shapeRandom = new Random(100 + shape);
        var terms = Enumerable.Range(0, 80).Select(_ => QueryMix.OfShape(words, shapeRandom, shape)).ToArray();
        var slowest = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        var one = await Load.RunAsync(1, Math.Max(2, seconds / 2), async (i, ct) =>
        {
            var term = terms[i % terms.Length];
            var started = Stopwatch.GetTimestamp();
            await queries.SearchAsync(new SearchRequest(term), ct);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            slowest.AddOrUpdate(term, elapsed, (_, before) => Math.Max(before, elapsed));
        });
        Load.Print("  alone: " + QueryMix.Shapes[shape], one, baseline);
        Console.WriteLine("    slowest: " + string.Join(", ", slowest.OrderByDescending(s => s.Value).Take(3).Select(s => $"{s.Key} ({s.Value:0.0} ms)")));
    }
}

// ------------------------------------------------------------------------------------------------ plans
// BENCH_EXPLAIN=term: the whole plan of a full search for that term (for a query the shapes above showed to be slow).
if (Environment.GetEnvironmentVariable("BENCH_EXPLAIN") is { Length: > 0 } explained)
{
    Console.WriteLine((await queries.ExplainAsync(explained)).Search);
}

// A common word: its kinds are known from the per-word counts to hold more matches than are counted, and its title
// matches fill the page, so no text index is read. Two words, one rare: each kind's text index and the title-words
// index. A misspelt word matches no text, so its titles are looked for by similarity.
var sample = words[42];
var pair = sample + " " + words[^1];
var typo = sample[..^1];
var (searchPlan, autocompletePlan) = await queries.ExplainAsync(sample);
var (pairPlan, _) = await queries.ExplainAsync(pair);
var (typoPlan, _) = await queries.ExplainAsync(typo);
Console.WriteLine();
Console.WriteLine($"EXPLAIN ANALYZE (index use and timing only) of full searches for '{sample}', '{pair}' and '{typo}', and an autocomplete for '{sample}':");
Plans.Summarize($"full search for '{sample}'", searchPlan);
Plans.Summarize($"full search for '{pair}'", pairPlan);
Plans.Summarize($"full search for '{typo}'", typoPlan);
Plans.Summarize("autocomplete", autocompletePlan);

Console.WriteLine();
var goals = new[]
{
    ("autocomplete p95 <= 15 ms", autocomplete.P95 <= 15),
    ("full search p95 <= 50 ms", search.P95 <= 50),
    ("a common word is answered from the per-word counts and the title-word index",
        Plans.Executed(searchPlan, "pk_search_term_counts") && Plans.Executed(searchPlan, "ix_search_title_words_word")),
    ("two words use the text index of every kind and the title-words index",
        SearchKind.All.All(k => Plans.Executed(pairPlan, "ix_search_documents_search_vector_" + k.Name + " ")) && Plans.Executed(pairPlan, "ix_search_documents_title_words")),
    ("a typo uses the word trigram and title-word indexes",
        Plans.Executed(typoPlan, "ix_search_words_trigrams") && Plans.Executed(typoPlan, "ix_search_title_words_word")),
    ("autocomplete uses the title-word prefix index", Plans.Executed(autocompletePlan, "ix_search_title_words_prefix")),
};
foreach (var (goal, met) in goals)
{
    Console.WriteLine($"{(met ? "PASS" : "FAIL")}  {goal}");
}

Console.WriteLine($"Load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
return goals.All(g => g.Item2) ? 0 : 1;

internal sealed class ContextFactory(string connectionString) : IDbContextFactory<SiteDbContext>
{
    public SiteDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<SiteDbContext>();
        SiteDatabase.Configure(options, connectionString);
        return new SiteDbContext(options.Options);
    }
}

internal static class Bench
{
    public static async Task<string> CreateDatabaseAsync(string admin, bool reuse)
    {
        const string name = "site_bench_search";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", connection);
            if (!reuse || (long)(await exists.ExecuteScalarAsync() ?? 0L) == 0)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER site", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Username = "site", MaxPoolSize = 32 }.ConnectionString;
        await using var db = new ContextFactory(connectionString).CreateDbContext();
        await db.Database.MigrateAsync();
        return connectionString;
    }
}

/// <summary>Pronounceable made-up words (plus a few real ones with accents), so text has a realistic spread of terms.</summary>
internal static class Vocabulary
{
    public static string[] Create(int count, int seed)
    {
        var random = new Random(seed);
        string[] onsets = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "pl", "gr", "ch", "sh"];
        string[] vowels = ["a", "e", "i", "o", "u", "ai", "ou", "é", "ä"];
        string[] codas = ["", "n", "r", "s", "t", "l", "m", "ck", "nd", "rt"];
        var words = new HashSet<string>(StringComparer.Ordinal) { "café", "django", "postgresql", "queue", "darkroom", "tutorial" };
        while (words.Count < count)
        {
            var syllables = random.Next(1, 4);
            var word = new StringBuilder();
            for (var s = 0; s < syllables; s++)
            {
                word.Append(onsets[random.Next(onsets.Length)]).Append(vowels[random.Next(vowels.Length)]).Append(codas[random.Next(codas.Length)]);
            }

            words.Add(word.ToString());
        }

        return [.. words];
    }

    /// <summary>Zipf-like choice: a few words are common, most are rare, as in real text.</summary>
    public static string Pick(string[] words, Random random) => words[(int)(Math.Pow(random.NextDouble(), 3) * words.Length)];

    public static string Text(string[] words, Random random, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : i % 14 == 0 ? ". " : " ").Append(Pick(words, random));
        }

        return text.ToString();
    }
}

internal static class QueryMix
{
    /// <summary>One or two words, sometimes cut short (a typo-ish prefix), sometimes a quoted phrase or an exclusion.</summary>
    public static string FullSearch(string[] words, Random random) => OfShape(words, random, random.Next(5));

    public static readonly string[] Shapes = ["one word", "two words", "a word cut short", "a quoted phrase", "word -word"];

    public static string OfShape(string[] words, Random random, int shape) => shape switch
    {
        0 => Vocabulary.Pick(words, random),
        1 => Vocabulary.Pick(words, random) + " " + Vocabulary.Pick(words, random),
        2 => Cut(Vocabulary.Pick(words, random)),
        3 => "\"" + Vocabulary.Pick(words, random) + " " + Vocabulary.Pick(words, random) + "\"",
        _ => Vocabulary.Pick(words, random) + " -" + Vocabulary.Pick(words, random),
    };

    public static string Prefix(string[] words, Random random)
    {
        var word = Vocabulary.Pick(words, random);
        return word[..Math.Min(word.Length, random.Next(2, 6))];
    }

    private static string Cut(string word) => word.Length > 4 ? word[..^1] : word;
}

/// <summary>Documents of every kind in the proportions of a photo-heavy personal site.</summary>
internal sealed class SyntheticSource(SearchKind kind, int count, int offset, string[] words) : ISearchSource
{
    public SearchKind Kind => kind;

    public static IReadOnlyList<ISearchSource> ForAllKinds(int total, string[] words)
    {
        (SearchKind Kind, double Share)[] shares = [(SearchKind.Post, 0.3), (SearchKind.Project, 0.02), (SearchKind.Book, 0.03), (SearchKind.Album, 0.05), (SearchKind.Photo, 0.6)];
        var sources = new List<ISearchSource>();
        var offset = 0;
        for (var i = 0; i < shares.Length; i++)
        {
            var count = i == shares.Length - 1 ? total - offset : (int)(total * shares[i].Share);
            sources.Add(new SyntheticSource(shares[i].Kind, count, offset, words));
            offset += count;
        }

        return sources;
    }

    public async IAsyncEnumerable<SearchDocumentInput> ReadAsync(SiteDbContext db, IReadOnlyCollection<string>? sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var random = new Random(offset + 1);
        for (var i = 0; i < count; i++)
        {
            var id = (offset + i).ToString(CultureInfo.InvariantCulture);
            var isPost = kind == SearchKind.Post;
            var body = isPost ? Vocabulary.Text(words, random, random.Next(150, 600)) : kind == SearchKind.Photo ? "Taken 2 May 2024" : Vocabulary.Text(words, random, random.Next(5, 30));
            yield return new SearchDocumentInput(
                id,
                Capitalize(Vocabulary.Text(words, random, random.Next(2, 7))),
                kind == SearchKind.Photo ? "Canon EOS R5 · RF 24-70mm F2.8 · " + Vocabulary.Pick(words, random) : Vocabulary.Text(words, random, random.Next(8, 25)),
                body,
                isPost ? (new[] { "tech", "personal", "projects", "reviews", "hobbies" })[random.Next(5)] : null,
                $"/{kind.Name}/{id}/",
                random.Next(20) == 0,
                DateTimeOffset.UnixEpoch.AddDays(10_000 + random.Next(5000)));
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

internal sealed record LoadResult(int Count, double Seconds, double P50, double P95, double P99)
{
    public double PerSecond => Count / Seconds;
}

internal static class Load
{
    public static async Task<LoadResult> RunAsync(int clients, double seconds, Func<int, CancellationToken, Task> operation)
    {
        // A short warm-up (JIT, connection pool, PostgreSQL's caches), then the measured run.
        await Run(clients, Math.Min(2, seconds / 3), operation);
        return await Run(clients, seconds, operation);
    }

    private static async Task<LoadResult> Run(int clients, double seconds, Func<int, CancellationToken, Task> operation)
    {
        var latencies = new List<double>[clients];
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var counter = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            latencies[client] = [];
            while (stopwatch.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(Interlocked.Increment(ref counter), CancellationToken.None);
                latencies[client].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return new LoadResult(all.Length, stopwatch.Elapsed.TotalSeconds, At(0.5), At(0.95), At(0.99));
    }

    public static void Print(string name, LoadResult result, LoadResult baseline) =>
        Console.WriteLine($"{name,-36}{result.PerSecond,10:0}{result.P50,10:0.00}{result.P95,10:0.00}{result.P99,10:0.00}{result.P95 / baseline.P95,16:0.0}");
}

internal static class Plans
{
    /// <summary>Whether the plan read the index (a node on it ran at least once, rather than "never executed").</summary>
    public static bool Executed(string plan, string index) =>
        plan.Split('\n').Any(line => line.Contains("(actual", StringComparison.Ordinal)
            && (line.Contains(" on " + index, StringComparison.Ordinal) || line.Contains("using " + index, StringComparison.Ordinal)));

    /// <summary>Prints the plan's index scans and its execution time, which is what says whether the indexes carry the query.</summary>
    public static void Summarize(string name, string plan)
    {
        Console.WriteLine($"  {name}:");
        foreach (var line in plan.Split('\n'))
        {
            var text = line.Trim().TrimStart('-', '>', ' ');
            if (Environment.GetEnvironmentVariable("BENCH_FULL_PLANS") == "1" || text.Contains("Index Scan", StringComparison.Ordinal) || text.Contains("Index Only Scan", StringComparison.Ordinal)
                || text.StartsWith("Seq Scan", StringComparison.Ordinal) || text.StartsWith("Execution Time", StringComparison.Ordinal))
            {
                Console.WriteLine("    " + text);
            }
        }
    }
}
