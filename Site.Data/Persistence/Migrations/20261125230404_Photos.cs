using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Photos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "photos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    original_file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    original_key = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    width = table.Column<int>(type: "integer", nullable: true),
                    height = table.Column<int>(type: "integer", nullable: true),
                    animated = table.Column<bool>(type: "boolean", nullable: false),
                    perceptual_hash = table.Column<long>(type: "bigint", nullable: true),
                    hash_band0 = table.Column<int>(type: "integer", nullable: true),
                    hash_band1 = table.Column<int>(type: "integer", nullable: true),
                    hash_band2 = table.Column<int>(type: "integer", nullable: true),
                    hash_band3 = table.Column<int>(type: "integer", nullable: true),
                    focal_point_x = table.Column<double>(type: "double precision", nullable: false),
                    focal_point_y = table.Column<double>(type: "double precision", nullable: false),
                    focal_point_manual = table.Column<bool>(type: "boolean", nullable: false),
                    exif = table.Column<string>(type: "jsonb", nullable: true),
                    camera_make = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    camera_model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lens = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    focal_length = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    aperture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    shutter = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    iso = table.Column<int>(type: "integer", nullable: true),
                    taken_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    taken_at_offset_minutes = table.Column<int>(type: "integer", nullable: true),
                    gps_latitude = table.Column<double>(type: "double precision", nullable: true),
                    gps_longitude = table.Column<double>(type: "double precision", nullable: true),
                    gps_altitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_photos", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "photo_variants",
                columns: table => new
                {
                    storage_key = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    photo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_photo_variants", x => x.storage_key);
                    table.ForeignKey(
                        name: "fk_photo_variants_photos_photo_id",
                        column: x => x.photo_id,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_photo_variants_photo_id_kind",
                table: "photo_variants",
                columns: new[] { "photo_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_photos_hash_band0",
                table: "photos",
                column: "hash_band0");

            migrationBuilder.CreateIndex(
                name: "ix_photos_hash_band1",
                table: "photos",
                column: "hash_band1");

            migrationBuilder.CreateIndex(
                name: "ix_photos_hash_band2",
                table: "photos",
                column: "hash_band2");

            migrationBuilder.CreateIndex(
                name: "ix_photos_hash_band3",
                table: "photos",
                column: "hash_band3");

            migrationBuilder.CreateIndex(
                name: "ix_photos_sha256",
                table: "photos",
                column: "sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_photos_status",
                table: "photos",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_photos_taken_at",
                table: "photos",
                column: "taken_at");

            migrationBuilder.CreateIndex(
                name: "ix_photos_uploaded_at",
                table: "photos",
                column: "uploaded_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "photo_variants");

            migrationBuilder.DropTable(
                name: "photos");
        }
    }
}
