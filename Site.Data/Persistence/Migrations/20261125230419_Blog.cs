using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Blog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "books",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cover = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    quote = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_books", x => x.slug);
                });

            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.slug);
                });

            migrationBuilder.CreateTable(
                name: "content_errors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    line = table.Column<int>(type: "integer", nullable: true),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_errors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "content_pages",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    html = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_pages", x => x.slug);
                });

            migrationBuilder.CreateTable(
                name: "posts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    image = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    is_draft = table.Column<bool>(type: "boolean", nullable: false),
                    html = table.Column<string>(type: "text", nullable: false),
                    plain_text = table.Column<string>(type: "text", nullable: false),
                    word_count = table.Column<int>(type: "integer", nullable: false),
                    reading_minutes = table.Column<int>(type: "integer", nullable: false),
                    source_path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    content_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    times_read = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_posts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    technologies = table.Column<List<string>>(type: "text[]", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => x.slug);
                });

            migrationBuilder.CreateTable(
                name: "post_links",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_post_id = table.Column<int>(type: "integer", nullable: false),
                    target_post_id = table.Column<int>(type: "integer", nullable: false),
                    link_text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    context = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_post_links_posts_source_post_id",
                        column: x => x.source_post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_post_links_posts_target_post_id",
                        column: x => x.target_post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "post_reads",
                columns: table => new
                {
                    post_id = table.Column<int>(type: "integer", nullable: false),
                    read_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reader_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_reads", x => new { x.post_id, x.read_on, x.reader_hash });
                    table.ForeignKey(
                        name: "fk_post_reads_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_post_links_source_post_id_target_post_id",
                table: "post_links",
                columns: new[] { "source_post_id", "target_post_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_post_links_target_post_id",
                table: "post_links",
                column: "target_post_id");

            migrationBuilder.CreateIndex(
                name: "ix_posts_category_slug",
                table: "posts",
                columns: new[] { "category", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_posts_number",
                table: "posts",
                column: "number");

            migrationBuilder.CreateIndex(
                name: "ix_posts_published_on",
                table: "posts",
                column: "published_on");

            migrationBuilder.CreateIndex(
                name: "ix_posts_tags",
                table: "posts",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "books");

            migrationBuilder.DropTable(
                name: "categories");

            migrationBuilder.DropTable(
                name: "content_errors");

            migrationBuilder.DropTable(
                name: "content_pages");

            migrationBuilder.DropTable(
                name: "post_links");

            migrationBuilder.DropTable(
                name: "post_reads");

            migrationBuilder.DropTable(
                name: "projects");

            migrationBuilder.DropTable(
                name: "posts");
        }
    }
}
