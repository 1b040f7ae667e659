using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Site.Data.Persistence;
using Site.Domain.Blog;

namespace Site.Data.Content;

/// <summary>One reader having opened one post, as the web host saw it.</summary>
public readonly record struct PostReadRecord(PostAddress Post, DateOnly ReadOn, string ReaderHash);

/// <summary>
/// Writes reads in batches: one statement inserts them all (a reader already counted that day is skipped by the
/// primary key, <c>on conflict do nothing</c>) and adds what was really new to each post's counter, in one round trip.
/// </summary>
public sealed class PostReadWriter(IDbContextFactory<SiteDbContext> dbFactory)
{
    private const string Sql = """
        WITH batch AS (
            SELECT p.id AS post_id, b.read_on, b.reader_hash
            FROM unnest(@categories, @slugs, @days, @hashes) AS b(category, slug, read_on, reader_hash)
            JOIN posts p ON p.category = b.category AND p.slug = b.slug
        ), inserted AS (
            INSERT INTO post_reads (post_id, read_on, reader_hash)
            SELECT DISTINCT post_id, read_on, reader_hash FROM batch
            ON CONFLICT DO NOTHING
            RETURNING post_id
        ), counted AS (
            UPDATE posts SET times_read = posts.times_read + n.count
            FROM (SELECT post_id, count(*) AS count FROM inserted GROUP BY post_id) n
            WHERE posts.id = n.post_id
            RETURNING posts.category, posts.slug
        )
        SELECT category, slug FROM counted
        """;

    /// <summary>Stores <paramref name="reads"/> and returns the posts whose count went up (reads of unknown posts are dropped).</summary>
    public async Task<IReadOnlyList<PostAddress>> WriteAsync(IReadOnlyCollection<PostReadRecord> reads, CancellationToken cancellationToken = default)
    {
        if (reads.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = reads.Select(r => r.Post.Category).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("slugs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = reads.Select(r => r.Post.Slug).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = reads.Select(r => r.ReadOn).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = reads.Select(r => r.ReaderHash).ToArray() });

        var counted = new List<PostAddress>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counted.Add(new PostAddress(reader.GetString(0), reader.GetString(1)));
        }

        return counted;
    }
}
