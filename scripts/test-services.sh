#!/usr/bin/env bash
# Starts every server the tests talk to, on free loopback ports with private folders under .test-services/, and
# writes their addresses to .test-services/env (sourced by the test command and read by the test fixtures).
# Usage: test-services.sh start | stop
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); . "$root/scripts/lib/common.sh"
S="$root/.test-services"
stop_all() {
  [ -f "$S/smtp.pid" ] && kill "$(cat "$S/smtp.pid")" 2>/dev/null || true
  [ -f "$S/redis.port" ] && redis-cli -p "$(cat "$S/redis.port")" shutdown nosave >/dev/null 2>&1 || true
  "$root/scripts/s3-server.sh" stop "$S/s3" || true
  "$root/scripts/postgres.sh" wipe "$S/pg" || true
}
case "${1:-}" in
stop) stop_all; exit 0 ;;
start) ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

stop_all; rm -rf "$S"; mkdir -p "$S"
pg=$(free_port); redis=$(free_port); rgw=$(free_port); mon=$(free_port); smtp=$(free_port); smtpweb=$(free_port)

log "PostgreSQL on 127.0.0.1:$pg"
"$root/scripts/postgres.sh" start "$S/pg" "$pg" fast

log "Redis on 127.0.0.1:$redis"
mkdir -p "$S/redis"; echo "$redis" > "$S/redis.port"
redis-server --port "$redis" --bind 127.0.0.1 --dir "$S/redis" --daemonize yes --pidfile "$S/redis/redis.pid" \
  --logfile "$S/redis/redis.log" --save "" --appendonly no
wait_for_port "$redis" 10

log "SMTP server (smtp4dev) on 127.0.0.1:$smtp, its API on :$smtpweb"
(cd "$root" && dotnet tool restore >/dev/null)
(cd "$root" && exec dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$smtpweb" --smtpport="$smtp" --imapport=0 \
  --pop3port=0 --db="" --hostname=localhost --tlsmode=None --nousersettings >"$S/smtp.log" 2>&1) &
echo $! > "$S/smtp.pid"

log "S3 server (Ceph radosgw) on 127.0.0.1:$rgw"
"$root/scripts/s3-server.sh" start "$S/s3" "$rgw" "$mon"
wait_for_port "$smtp" 60

cat > "$S/env" <<ENV
export SITE_TEST_PG="Host=127.0.0.1;Port=$pg;Username=postgres;Database=postgres;Pooling=true"
export SITE_TEST_PG_PORT=$pg
export SITE_TEST_PG_DIR="$S/pg"
export SITE_TEST_REDIS="127.0.0.1:$redis"
export SITE_TEST_S3_URL="http://127.0.0.1:$rgw"
export SITE_TEST_S3_ACCESS_KEY=SITEKEY
export SITE_TEST_S3_SECRET_KEY=SITESECRET
export SITE_TEST_SMTP_PORT=$smtp
export SITE_TEST_SMTP_API="http://127.0.0.1:$smtpweb"
ENV
log "Test services ready"
