using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <summary>
    /// Photos tell listeners when they arrive, go, or change status, so the admin's upload page follows each photo
    /// through processing in the jobs host live. Row-level with the id as payload, so a page updates only the photo
    /// that changed; other column updates (variants, EXIF) send nothing of their own.
    /// </summary>
    [DbContext(typeof(SiteDbContext))]
    [Migration("20261126000500_PhotoNotifications")]
    public partial class PhotoNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION site_photos_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('site_photos_changed', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER photos_changed_insert AFTER INSERT ON photos
                    FOR EACH ROW EXECUTE FUNCTION site_photos_notify_changed();
                CREATE TRIGGER photos_changed_update AFTER UPDATE ON photos FOR EACH ROW
                    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.failure_reason IS DISTINCT FROM NEW.failure_reason)
                    EXECUTE FUNCTION site_photos_notify_changed();
                CREATE TRIGGER photos_changed_delete AFTER DELETE ON photos
                    FOR EACH ROW EXECUTE FUNCTION site_photos_notify_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER photos_changed_insert ON photos;
                DROP TRIGGER photos_changed_update ON photos;
                DROP TRIGGER photos_changed_delete ON photos;
                DROP FUNCTION site_photos_notify_changed();
                """);
        }
    }
}
