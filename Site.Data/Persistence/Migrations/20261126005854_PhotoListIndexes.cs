using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <summary>
    /// Near-duplicate pairs as rows, so the admin's photo list can show only photos with near duplicates, and count
    /// them, through a key instead of a hash search per photo. Processing keeps the pairs current; photos processed
    /// before this migration get theirs here, from one comparison of the hashes already stored.
    /// </summary>
    public partial class PhotoListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "photo_similarities",
                columns: table => new
                {
                    photo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    similar_photo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    distance = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_photo_similarities", x => new { x.photo_id, x.similar_photo_id });
                    table.ForeignKey(
                        name: "fk_photo_similarities_photos_photo_id",
                        column: x => x.photo_id,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_photo_similarities_photos_similar_photo_id",
                        column: x => x.similar_photo_id,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_photo_similarities_similar_photo_id",
                table: "photo_similarities",
                column: "similar_photo_id");

            // Every pair once per direction; a one-off pass over the stored hashes, as processing would have made them.
            migrationBuilder.Sql("""
                INSERT INTO photo_similarities (photo_id, similar_photo_id, distance)
                SELECT a.id, b.id, bit_count((a.perceptual_hash # b.perceptual_hash)::bit(64))::int
                FROM photos a JOIN photos b ON a.id <> b.id
                WHERE a.perceptual_hash IS NOT NULL AND b.perceptual_hash IS NOT NULL
                  AND bit_count((a.perceptual_hash # b.perceptual_hash)::bit(64)) <= 10;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "photo_similarities");
        }
    }
}
