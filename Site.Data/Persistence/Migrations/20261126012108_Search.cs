using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <summary>
    /// The search index: one table over every searchable kind, its weighted text vector and title words computed by
    /// PostgreSQL with accent-blind text search configurations, GIN indexes on both, and a trigram index on the
    /// accent-folded title for typo-tolerant matches. The hourly "refresh" schedule gives way to a
    /// nightly full rebuild: changes now reach the index through the jobs queue as they happen.
    /// </summary>
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent() is only STABLE (its dictionary could change), so it cannot appear in an index expression; this
            // wrapper names the dictionary explicitly and promises IMMUTABLE, which holds as long as nobody edits the
            // unaccent rules file of the server. The two configurations fold accents before stemming, so "cafe" and
            // "Café" are one lexeme, and ts_headline still shows the text as written.
            migrationBuilder.Sql("""
                CREATE FUNCTION site_unaccent(text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
                CREATE TEXT SEARCH CONFIGURATION site_english (COPY = pg_catalog.english);
                ALTER TEXT SEARCH CONFIGURATION site_english
                    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;
                CREATE TEXT SEARCH CONFIGURATION site_simple (COPY = pg_catalog.simple);
                ALTER TEXT SEARCH CONFIGURATION site_simple
                    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, simple;
                """);

            migrationBuilder.CreateTable(
                name: "search_documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    body = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    is_private = table.Column<bool>(type: "boolean", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    content_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    indexed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    description_folded = table.Column<string>(type: "text", nullable: true, computedColumnSql: "site_unaccent(description)", stored: true),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('site_english'::regconfig, title), 'A') || setweight(to_tsvector('site_english'::regconfig, coalesce(description, '')), 'B') || setweight(to_tsvector('site_english'::regconfig, body), 'C')", stored: true),
                    title_folded = table.Column<string>(type: "text", nullable: true, computedColumnSql: "site_unaccent(title)", stored: true),
                    title_words = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "to_tsvector('site_simple'::regconfig, title)", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_documents", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_kind_source_id",
                table: "search_documents",
                columns: new[] { "kind", "source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_search_vector",
                table: "search_documents",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_title_trigrams",
                table: "search_documents",
                column: "title_folded")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_title_words",
                table: "search_documents",
                column: "title_words")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.Sql("""
                DELETE FROM job_schedules WHERE name = 'search-index-refresh';
                INSERT INTO job_schedules (name, description, job_type, queue, arguments, cron, time_zone, paused, updated_at) VALUES
                ('search-index-rebuild', 'Rebuild the search index from every post, project, book, album and photo.', 'search.rebuild-index', 'default', '{}', '45 3 * * *', 'America/New_York', false, now())
                ON CONFLICT (name) DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "search_documents");

            migrationBuilder.Sql("""
                DROP TEXT SEARCH CONFIGURATION site_simple;
                DROP TEXT SEARCH CONFIGURATION site_english;
                DROP FUNCTION site_unaccent(text);
                DELETE FROM job_schedules WHERE name = 'search-index-rebuild';
                INSERT INTO job_schedules (name, description, job_type, queue, arguments, cron, time_zone, paused, updated_at) VALUES
                ('search-index-refresh', 'Bring the search index up to date with changed content.', 'search.refresh-index', 'default', '{}', '15 * * * *', 'America/New_York', false, now())
                ON CONFLICT (name) DO NOTHING;
                """);
        }
    }
}
