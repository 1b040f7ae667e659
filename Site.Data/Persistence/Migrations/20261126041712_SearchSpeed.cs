using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <summary>
    /// Search within its speed goals on a large site. Autocomplete gets a table of title words (kept in step with
    /// <c>search_documents</c> by statement triggers, filled here from the rows already indexed) whose byte-ordered
    /// btree answers any prefix with a short range scan; misspelt words are matched against a table of the distinct
    /// title words (trigram index) instead of every title; the one text index over all kinds becomes one per kind, so
    /// the per-kind match counts each read only their own kind's entries.
    /// </summary>
    public partial class SearchSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_search_documents_search_vector",
                table: "search_documents");

            migrationBuilder.DropIndex(
                name: "ix_search_documents_title_trigrams",
                table: "search_documents");

            migrationBuilder.CreateTable(
                name: "search_title_words",
                columns: table => new
                {
                    document_id = table.Column<long>(type: "bigint", nullable: false),
                    word = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_private = table.Column<bool>(type: "boolean", nullable: false),
                    starts_title = table.Column<bool>(type: "boolean", nullable: false),
                    title_length = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_title_words", x => new { x.document_id, x.word });
                    table.ForeignKey(
                        name: "fk_search_title_words_search_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "search_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "search_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_words", x => x.word);
                });

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_search_vector_album",
                table: "search_documents",
                column: "search_vector",
                filter: "kind = 'album'")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_search_vector_book",
                table: "search_documents",
                column: "search_vector",
                filter: "kind = 'book'")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_search_vector_photo",
                table: "search_documents",
                column: "search_vector",
                filter: "kind = 'photo'")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_search_vector_post",
                table: "search_documents",
                column: "search_vector",
                filter: "kind = 'post'")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_documents_search_vector_project",
                table: "search_documents",
                column: "search_vector",
                filter: "kind = 'project'")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_title_words_prefix",
                table: "search_title_words",
                columns: new[] { "kind", "starts_title", "word" })
                .Annotation("Npgsql:IndexInclude", new[] { "is_private", "title_length", "published_at", "document_id" });

            migrationBuilder.CreateIndex(
                name: "ix_search_title_words_word",
                table: "search_title_words",
                column: "word")
                .Annotation("Npgsql:IndexInclude", new[] { "document_id", "kind", "is_private" });

            migrationBuilder.CreateIndex(
                name: "ix_search_words_trigrams",
                table: "search_words",
                column: "word")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // The words come from the title's word vector, so a suggestion's prefix match agrees with the title-word
            // search (accents folded, lower case). Statement triggers with transition tables write a whole batch of
            // the indexer in one statement; deletes follow through the foreign key.
            migrationBuilder.Sql("""
                CREATE FUNCTION search_title_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO search_title_words (document_id, word, kind, is_private, starts_title, title_length, published_at)
                    SELECT n.id, w.lexeme, n.kind, n.is_private, coalesce(1 = ANY (w.positions), false), length(n.title), n.published_at
                    FROM new_rows n CROSS JOIN LATERAL unnest(n.title_words) w;
                    INSERT INTO search_words (word)
                    SELECT DISTINCT w.lexeme FROM new_rows n CROSS JOIN LATERAL unnest(n.title_words) w
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                CREATE FUNCTION search_title_words_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM search_title_words t USING old_rows o WHERE t.document_id = o.id;
                    INSERT INTO search_title_words (document_id, word, kind, is_private, starts_title, title_length, published_at)
                    SELECT n.id, w.lexeme, n.kind, n.is_private, coalesce(1 = ANY (w.positions), false), length(n.title), n.published_at
                    FROM new_rows n CROSS JOIN LATERAL unnest(n.title_words) w;
                    INSERT INTO search_words (word)
                    SELECT DISTINCT w.lexeme FROM new_rows n CROSS JOIN LATERAL unnest(n.title_words) w
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER search_title_words_on_insert AFTER INSERT ON search_documents
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_title_words_insert();
                CREATE TRIGGER search_title_words_on_update AFTER UPDATE ON search_documents
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_title_words_update();
                INSERT INTO search_title_words (document_id, word, kind, is_private, starts_title, title_length, published_at)
                SELECT d.id, w.lexeme, d.kind, d.is_private, coalesce(1 = ANY (w.positions), false), length(d.title), d.published_at
                FROM search_documents d CROSS JOIN LATERAL unnest(d.title_words) w;
                INSERT INTO search_words (word) SELECT DISTINCT word FROM search_title_words;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER search_title_words_on_update ON search_documents;
                DROP TRIGGER search_title_words_on_insert ON search_documents;
                DROP FUNCTION search_title_words_update();
                DROP FUNCTION search_title_words_insert();
                """);

            migrationBuilder.DropTable(
                name: "search_title_words");

            migrationBuilder.DropTable(
                name: "search_words");

            migrationBuilder.DropIndex(
                name: "ix_search_documents_search_vector_album",
                table: "search_documents");

            migrationBuilder.DropIndex(
                name: "ix_search_documents_search_vector_book",
                table: "search_documents");

            migrationBuilder.DropIndex(
                name: "ix_search_documents_search_vector_photo",
                table: "search_documents");

            migrationBuilder.DropIndex(
                name: "ix_search_documents_search_vector_post",
                table: "search_documents");

            migrationBuilder.DropIndex(
                name: "ix_search_documents_search_vector_project",
                table: "search_documents");

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
        }
    }
}
