using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeGraph : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "count",
                table: "post_links",
                type: "integer",
                nullable: false,
                // Every existing row stands for at least one link.
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "knowledge_graph_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    node_count = table.Column<int>(type: "integer", nullable: false),
                    edge_count = table.Column<int>(type: "integer", nullable: false),
                    built_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    screenshot_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    screenshot_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_knowledge_graph_snapshots", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_graph_snapshots_built_at",
                table: "knowledge_graph_snapshots",
                column: "built_at");

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_graph_snapshots_hash",
                table: "knowledge_graph_snapshots",
                column: "hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "knowledge_graph_snapshots");

            migrationBuilder.DropColumn(
                name: "count",
                table: "post_links");
        }
    }
}
