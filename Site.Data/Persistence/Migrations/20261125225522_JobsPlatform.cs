using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Site.Data.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class JobsPlatform : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "job_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    job_id = table.Column<long>(type: "bigint", nullable: false),
                    job_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    queue = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    arguments = table.Column<string>(type: "jsonb", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    duration = table.Column<TimeSpan>(type: "interval", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_schedules",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    job_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    queue = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    arguments = table.Column<string>(type: "jsonb", nullable: false),
                    cron = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    paused = table.Column<bool>(type: "boolean", nullable: false),
                    next_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_job_id = table.Column<long>(type: "bigint", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_schedules", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    queue = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    debounce_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    locked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    run_id = table.Column<long>(type: "bigint", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_job_runs_job_id",
                table: "job_runs",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "ix_job_runs_job_type_started_at",
                table: "job_runs",
                columns: new[] { "job_type", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_job_runs_started_at",
                table: "job_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_claimable",
                table: "jobs",
                columns: new[] { "queue", "run_at", "id" },
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_debounce",
                table: "jobs",
                columns: new[] { "type", "debounce_key" },
                unique: true,
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_idempotency",
                table: "jobs",
                columns: new[] { "type", "idempotency_key" },
                unique: true,
                filter: "status IN ('pending', 'running')");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_leases",
                table: "jobs",
                column: "locked_until",
                filter: "status = 'running'");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_run_id",
                table: "jobs",
                column: "run_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_jobs_status_finished_at",
                table: "jobs",
                columns: new[] { "status", "finished_at" });

            // Wakes the workers of a queue when a job becomes claimable there. PostgreSQL delivers a NOTIFY only when
            // the enqueueing transaction commits, and folds repeats within one transaction into one.
            migrationBuilder.Sql("""
                CREATE FUNCTION site_jobs_notify_wake() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('site_jobs_wake', NEW.queue);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER jobs_wake AFTER INSERT OR UPDATE OF status, run_at ON jobs
                    FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION site_jobs_notify_wake();
                """);

            // Tells the admin's live monitor that a jobs table changed: once per statement, and only when it touched a
            // row (an empty claim every few seconds must not refresh every open screen).
            migrationBuilder.Sql("""
                CREATE FUNCTION site_jobs_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM affected) THEN
                        PERFORM pg_notify('site_jobs_changed', TG_TABLE_NAME);
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in new[] { "jobs", "job_runs", "job_schedules", "job_hosts" })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_changed_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS affected
                        FOR EACH STATEMENT EXECUTE FUNCTION site_jobs_notify_changed();
                    CREATE TRIGGER {table}_changed_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS affected
                        FOR EACH STATEMENT EXECUTE FUNCTION site_jobs_notify_changed();
                    CREATE TRIGGER {table}_changed_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS affected
                        FOR EACH STATEMENT EXECUTE FUNCTION site_jobs_notify_changed();
                    """);
            }

            // The reference site's schedule (America/New_York). Job types that later features bring are listed already:
            // until a jobs host registers their handler, their runs fail with "no handler registered", in plain sight.
            migrationBuilder.Sql("""
                INSERT INTO job_schedules (name, description, job_type, queue, arguments, cron, time_zone, paused, updated_at) VALUES
                ('ip-geolocation', 'Look up the country and city of new visitor IP addresses.', 'analytics.geolocate-ips', 'default', '{}', '0 0,12 * * *', 'America/New_York', false, now()),
                ('performance-audit', 'Lighthouse audit of the site''s pages.', 'audits.performance', 'heavy', '{}', '0 2 * * *', 'America/New_York', false, now()),
                ('sitemap-warm-up', 'Request every sitemap URL so caches are warm in the morning.', 'seo.warm-sitemap', 'default', '{}', '0 3 * * *', 'America/New_York', false, now()),
                ('knowledge-graph-screenshot', 'Screenshot of the knowledge graph for social previews.', 'graph.screenshot', 'heavy', '{}', '0 4 * * *', 'America/New_York', false, now()),
                ('knowledge-graph-rebuild', 'Recompute the knowledge graph''s nodes, edges and metrics.', 'graph.rebuild', 'default', '{}', '0 */6 * * *', 'America/New_York', false, now()),
                ('cache-clean-up', 'Remove expired cache entries and stale generated files.', 'cache.clean-up', 'default', '{}', '0 5 * * *', 'America/New_York', false, now()),
                ('search-index-refresh', 'Bring the search index up to date with changed content.', 'search.refresh-index', 'default', '{}', '15 * * * *', 'America/New_York', false, now()),
                ('job-history-clean-up', 'Delete job runs, failed and cancelled jobs older than the retention period (90 days).', 'jobs.clean-up-history', 'default', '{}', '30 1 * * *', 'America/New_York', false, now());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "jobs", "job_runs", "job_schedules", "job_hosts" })
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_changed_insert ON {table};
                    DROP TRIGGER {table}_changed_update ON {table};
                    DROP TRIGGER {table}_changed_delete ON {table};
                    """);
            }

            migrationBuilder.Sql("DROP TRIGGER jobs_wake ON jobs; DROP FUNCTION site_jobs_notify_wake(); DROP FUNCTION site_jobs_notify_changed();");

            migrationBuilder.DropTable(
                name: "job_runs");

            migrationBuilder.DropTable(
                name: "job_schedules");

            migrationBuilder.DropTable(
                name: "jobs");
        }
    }
}
