using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Site.Data.Persistence;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>How far a rebuild has come: documents read so far and the kind being read.</summary>
public sealed record SearchIndexProgress(string Kind, int Read);

/// <summary>What an index run did: documents read from the sources, rows written (new or changed), rows removed.</summary>
public sealed record SearchIndexResult(int Read, int Written, int Removed, TimeSpan Duration)
{
    public static SearchIndexResult operator +(SearchIndexResult a, SearchIndexResult b) =>
        new(a.Read + b.Read, a.Written + b.Written, a.Removed + b.Removed, a.Duration + b.Duration);
}

/// <summary>
/// Writes the search index from the registered <see cref="ISearchSource"/>s. Each kind is brought up to date in one
/// transaction under an advisory lock of its own, so a nightly rebuild and an update of one photo never interleave;
/// rows are written only when their content hash changed, in batches (one statement per 500 documents), and rows
/// whose source is gone are removed.
/// </summary>
public sealed class SearchIndexer(IDbContextFactory<SiteDbContext> dbFactory, IEnumerable<ISearchSource> sources, TimeProvider clock, ILogger<SearchIndexer> logger)
{
    private const int LockSpace = 0x5EA2C4;
    private const int BatchSize = 500;

    private readonly IReadOnlyList<ISearchSource> _sources = [.. sources];

    /// <summary>The kinds this host can index (those with a registered source).</summary>
    public IEnumerable<SearchKind> Kinds => _sources.Select(s => s.Kind);

    /// <summary>Brings every kind's rows up to date with its source, and removes rows of kinds no source knows.</summary>
    public async Task<SearchIndexResult> RebuildAsync(IProgress<SearchIndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var total = new SearchIndexResult(0, 0, 0, TimeSpan.Zero);
        foreach (var source in _sources)
        {
            total += await IndexKindAsync(source, null, progress, cancellationToken);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var known = _sources.Select(s => s.Kind.Name).ToArray();
            var orphans = await db.Set<SearchDocument>().Where(d => !known.Contains(d.Kind)).ExecuteDeleteAsync(cancellationToken);
            total = total with { Removed = total.Removed + orphans };
            // Title words no title holds any more (the triggers only ever add words).
            await db.Set<SearchWord>().Where(w => !db.Set<SearchTitleWord>().Any(t => t.Word == w.Word)).ExecuteDeleteAsync(cancellationToken);
        }

        logger.LogInformation("Search index rebuilt in {Milliseconds} ms: {Read} documents read, {Written} written, {Removed} removed",
            (int)total.Duration.TotalMilliseconds, total.Read, total.Written, total.Removed);
        return total;
    }

    /// <summary>
    /// Updates the rows of one kind: all of them when <paramref name="sourceIds"/> is null, else only the named rows
    /// (a named row its source no longer returns is removed). An unknown kind is logged and skipped.
    /// </summary>
    public async Task<SearchIndexResult> UpdateAsync(string kind, IReadOnlyCollection<string>? sourceIds, CancellationToken cancellationToken = default)
    {
        var source = _sources.FirstOrDefault(s => s.Kind.Name == kind);
        if (source is null)
        {
            logger.LogWarning("No search source indexes kind {Kind}; known: {Kinds}", kind, string.Join(", ", _sources.Select(s => s.Kind.Name)));
            return new SearchIndexResult(0, 0, 0, TimeSpan.Zero);
        }

        return await IndexKindAsync(source, sourceIds, null, cancellationToken);
    }

    private async Task<SearchIndexResult> IndexKindAsync(
        ISearchSource source, IReadOnlyCollection<string>? sourceIds, IProgress<SearchIndexProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var kind = source.Kind.Name;
        var now = clock.GetUtcNow();

        // The writer holds the lock and the transaction; the reader streams the source on a connection of its own,
        // starting after the lock is taken, so it sees every change committed before this run could begin.
        await using var writer = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writer.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)writer.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@kind))", connection, npgsqlTransaction))
        {
            lockCommand.Parameters.AddWithValue("space", LockSpace);
            lockCommand.Parameters.AddWithValue("kind", kind);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var reader = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seen = new List<string>();
        var batch = new List<SearchDocumentInput>(BatchSize);
        int read = 0, written = 0;
        await foreach (var document in source.ReadAsync(reader, sourceIds, cancellationToken))
        {
            batch.Add(document);
            seen.Add(document.SourceId);
            read++;
            if (batch.Count == BatchSize)
            {
                written += await UpsertAsync(connection, npgsqlTransaction, kind, batch, now, cancellationToken);
                batch.Clear();
                progress?.Report(new SearchIndexProgress(kind, read));
            }
        }

        written += await UpsertAsync(connection, npgsqlTransaction, kind, batch, now, cancellationToken);
        progress?.Report(new SearchIndexProgress(kind, read));

        await using var delete = new NpgsqlCommand(
            sourceIds is null
                ? "DELETE FROM search_documents WHERE kind = @kind AND NOT (source_id = ANY(@seen))"
                : "DELETE FROM search_documents WHERE kind = @kind AND source_id = ANY(@named) AND NOT (source_id = ANY(@seen))",
            connection, npgsqlTransaction);
        delete.Parameters.AddWithValue("kind", kind);
        delete.Parameters.AddWithValue("seen", seen.ToArray());
        delete.Parameters.AddWithValue("named", (sourceIds ?? []).ToArray());
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new SearchIndexResult(read, written, removed, stopwatch.Elapsed);
    }

    private static async Task<int> UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, List<SearchDocumentInput> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var rows = batch.Select(Clean).ToList();
        const string sql = """
            INSERT INTO search_documents (kind, source_id, title, description, body, category, url, is_private, published_at, content_hash, indexed_at)
            SELECT @kind, u.source_id, u.title, u.description, u.body, u.category, u.url, u.is_private, u.published_at, u.content_hash, @now
            FROM unnest(@source_ids, @titles, @descriptions, @bodies, @categories, @urls, @privates, @published, @hashes)
                AS u(source_id, title, description, body, category, url, is_private, published_at, content_hash)
            ON CONFLICT (kind, source_id) DO UPDATE SET
                title = EXCLUDED.title, description = EXCLUDED.description, body = EXCLUDED.body, category = EXCLUDED.category,
                url = EXCLUDED.url, is_private = EXCLUDED.is_private, published_at = EXCLUDED.published_at,
                content_hash = EXCLUDED.content_hash, indexed_at = EXCLUDED.indexed_at
            WHERE search_documents.content_hash <> EXCLUDED.content_hash
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("source_ids", rows.Select(r => r.SourceId).ToArray());
        command.Parameters.AddWithValue("titles", rows.Select(r => r.Title).ToArray());
        command.Parameters.Add(new NpgsqlParameter("descriptions", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Description).ToArray() });
        command.Parameters.AddWithValue("bodies", rows.Select(r => r.Body).ToArray());
        command.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Category).ToArray() });
        command.Parameters.AddWithValue("urls", rows.Select(r => r.Url).ToArray());
        command.Parameters.AddWithValue("privates", rows.Select(r => r.IsPrivate).ToArray());
        command.Parameters.Add(new NpgsqlParameter("published", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = rows.Select(r => r.PublishedAt?.UtcDateTime).ToArray(),
        });
        command.Parameters.AddWithValue("hashes", rows.Select(Hash).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The text as the index keeps it: no control characters or snippet markers, each field within its column.</summary>
    private static SearchDocumentInput Clean(SearchDocumentInput input)
    {
        var description = SearchQueryText.CleanForIndex(input.Description, SearchDocument.MaxDescriptionLength);
        var category = SearchQueryText.CleanForIndex(input.Category, 64);
        return input with
        {
            SourceId = input.SourceId.Length <= 200 ? input.SourceId : throw new ArgumentException($"Search source id '{input.SourceId[..40]}…' is longer than 200 characters."),
            Title = SearchQueryText.CleanForIndex(input.Title, SearchDocument.MaxTitleLength),
            Description = description.Length > 0 ? description : null,
            Body = CleanBody(input.Body),
            Category = category.Length > 0 ? category : null,
        };
    }

    /// <summary>Bodies keep their line breaks as spaces; only the length and the forbidden characters change.</summary>
    private static string CleanBody(string body)
    {
        var text = body.Length > SearchDocument.MaxBodyLength ? body[..SearchDocument.MaxBodyLength] : body;
        return text.AsSpan().IndexOfAny(Forbidden) < 0 ? text : SearchQueryText.CleanForIndex(text, SearchDocument.MaxBodyLength);
    }

    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not '\n' and not '\r' and not '\t').Select(c => (char)c), '\u007F', '\0',
         SearchSnippet.StartMark, SearchSnippet.EndMark]);

    private static string Hash(SearchDocumentInput row)
    {
        var text = string.Join('\u001F', row.Title, row.Description ?? "\u0001", row.Body, row.Category ?? "\u0001", row.Url,
            row.IsPrivate ? "1" : "0", row.PublishedAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
