using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SearchTermCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "search_term_counts",
                columns: table => new
                {
                    lexeme = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_private = table.Column<bool>(type: "boolean", nullable: false),
                    documents = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_term_counts", x => new { x.lexeme, x.kind, x.is_private });
                });

            // Each word of each row's text vector, and the empty word once per row (search_terms), counted per kind
            // and privacy by statement triggers with transition tables: a batch of the indexer is one statement, and
            // its words are written in one ordered upsert (the order keeps concurrent writers from deadlocking).
            migrationBuilder.Sql("""
                CREATE FUNCTION search_terms(vector tsvector) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    RETURN array_append(tsvector_to_array(vector), '');
                CREATE FUNCTION search_term_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO search_term_counts (lexeme, kind, is_private, documents)
                        SELECT t.lexeme, n.kind, n.is_private, count(*)
                        FROM new_rows n CROSS JOIN LATERAL unnest(search_terms(n.search_vector)) t(lexeme)
                        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        ON CONFLICT (lexeme, kind, is_private) DO UPDATE SET documents = search_term_counts.documents + excluded.documents;
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO search_term_counts (lexeme, kind, is_private, documents)
                        SELECT c.lexeme, c.kind, c.is_private, sum(c.change) FROM (
                            SELECT t.lexeme, o.kind, o.is_private, -1 AS change
                            FROM old_rows o CROSS JOIN LATERAL unnest(search_terms(o.search_vector)) t(lexeme)
                            UNION ALL
                            SELECT t.lexeme, n.kind, n.is_private, 1
                            FROM new_rows n CROSS JOIN LATERAL unnest(search_terms(n.search_vector)) t(lexeme)) c
                        GROUP BY 1, 2, 3 HAVING sum(c.change) <> 0 ORDER BY 1, 2, 3
                        ON CONFLICT (lexeme, kind, is_private) DO UPDATE SET documents = search_term_counts.documents + excluded.documents;
                    ELSE
                        UPDATE search_term_counts c SET documents = c.documents - o.n
                        FROM (SELECT t.lexeme, o.kind, o.is_private, count(*) AS n
                              FROM old_rows o CROSS JOIN LATERAL unnest(search_terms(o.search_vector)) t(lexeme)
                              GROUP BY 1, 2, 3) o
                        WHERE c.lexeme = o.lexeme AND c.kind = o.kind AND c.is_private = o.is_private;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER search_term_counts_on_insert AFTER INSERT ON search_documents
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_term_counts_follow();
                CREATE TRIGGER search_term_counts_on_update AFTER UPDATE ON search_documents
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_term_counts_follow();
                CREATE TRIGGER search_term_counts_on_delete AFTER DELETE ON search_documents
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_term_counts_follow();
                INSERT INTO search_term_counts (lexeme, kind, is_private, documents)
                SELECT t.lexeme, d.kind, d.is_private, count(*)
                FROM search_documents d CROSS JOIN LATERAL unnest(search_terms(d.search_vector)) t(lexeme)
                GROUP BY 1, 2, 3;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER search_term_counts_on_delete ON search_documents;
                DROP TRIGGER search_term_counts_on_update ON search_documents;
                DROP TRIGGER search_term_counts_on_insert ON search_documents;
                DROP FUNCTION search_term_counts_follow();
                DROP FUNCTION search_terms(tsvector);
                """);

            migrationBuilder.DropTable(
                name: "search_term_counts");
        }
    }
}
