#!/usr/bin/env bash
# Benchmarks a blog post page under load: wrk with 64 connections over loopback against the real web host (its
# PostgreSQL, output cache and read counter included), next to a bare Kestrel serving the same HTML saved as a
# static file, in the same run. Goal: at least half the static file's requests/s, and a p99 of at most 10 ms.
# Usage: bench/blog.sh [seconds per run, default 10]. Everything lives in .bench/blog and is stopped at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"; . scripts/lib/common.sh
seconds=${1:-10}
B="$root/.bench/blog"; rm -rf "$B/static" "$B/logs"; mkdir -p "$B/static" "$B/logs"
post=/b/tech/postgres-as-a-queue/
# A browser's user agent, so every request also goes through the read counter as a reader's would.
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

log "Checking system packages (wrk)"
scripts/install-prerequisites.sh bench

log "Publishing the web host (Release)"
dotnet publish Site.Blazor/Site.Blazor.csproj -c Release -v quiet -nologo -o "$B/web" | grep -E "error|warn" || true
[ -f "$B/web/Site.Blazor.dll" ] || die "the publish failed (see above)"
log "Building the static file server"
dotnet build bench/static-page-server.cs -c Release -v quiet -nologo -o "$B/static-server" | grep -E "error|warn" || true
[ -f "$B/static-server/static-page-server.dll" ] || die "the static server did not build (see above)"

pg=$(free_port); web=$(free_port); static=$(free_port)
pids=()
cleanup() {
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
  scripts/postgres.sh stop "$B/pg" || true
}
trap cleanup EXIT

log "PostgreSQL on 127.0.0.1:$pg"
rm -rf "$B/pg"; scripts/postgres.sh start "$B/pg" "$pg" fast

log "Web host on 127.0.0.1:$web"
Site__Database__ConnectionString="Host=127.0.0.1;Port=$pg;Username=site;Database=site" \
Site__Content__Path="$root/content" Site__Site__BaseUrl="http://127.0.0.1:$web" \
Site__Storage__LocalPath="$B/media" Site__Mail__Folder="$B/mail" \
ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
Logging__Console__FormatterName=simple \
  dotnet "$B/web/Site.Blazor.dll" --urls "http://127.0.0.1:$web" --contentRoot "$B/web" > "$B/logs/web.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$web/health/live" && break; sleep 0.1; done
curl -fs -o /dev/null "http://127.0.0.1:$web/health/live" || die "the web host did not start (see $B/logs/web.log)"

# The host syncs the content in the background after it starts; the post exists once that first sync is done.
for _ in $(seq 1 600); do curl -fs -A "$agent" -o "$B/static/post.html" "http://127.0.0.1:$web$post" && break; sleep 0.1; done
[ -s "$B/static/post.html" ] || die "the post page did not load (see $B/logs/web.log)"
log "Static file server on 127.0.0.1:$static (serving the same $(wc -c < "$B/static/post.html") bytes)"
ASPNETCORE_ENVIRONMENT=Production dotnet "$B/static-server/static-page-server.dll" --urls "http://127.0.0.1:$static" --root "$B/static" \
  > "$B/logs/static.log" 2>&1 &
pids+=($!)
wait_for_port "$static" 30

# Runs wrk and prints "requests/s p99-ms".
measure() {
  local url=$1 out
  wrk --threads 2 --connections 64 --duration 3s -H "User-Agent: $agent" "$url" > /dev/null  # warm-up: JIT, caches
  out=$(wrk --threads 2 --connections 64 --duration "${seconds}s" --latency -H "User-Agent: $agent" "$url")
  echo "$out" > "$B/logs/wrk-$(echo "$url" | md5sum | cut -c1-6).txt"
  local rps p99
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  echo "$rps $(python3 -c "import sys,re; v=sys.argv[1]; m=re.match(r'([0-9.]+)(us|ms|s)$', v); f={'us':0.001,'ms':1,'s':1000}[m.group(2)]; print(round(float(m.group(1))*f, 2))" "$p99")"
}

log "Measuring the post page ($seconds s, 64 connections)"
read -r page_rps page_p99 < <(measure "http://127.0.0.1:$web$post")
log "Measuring the static file ($seconds s, 64 connections)"
read -r static_rps static_p99 < <(measure "http://127.0.0.1:$static/post.html")

python3 - "$page_rps" "$page_p99" "$static_rps" "$static_p99" <<'PY'
import sys
page_rps, page_p99, static_rps, static_p99 = map(float, sys.argv[1:])
ratio = page_rps / static_rps
print()
print(f"{'':22}{'requests/s':>12}{'p99 (ms)':>10}")
print(f"{'post page (site)':22}{page_rps:>12,.0f}{page_p99:>10.2f}")
print(f"{'same HTML, static':22}{static_rps:>12,.0f}{static_p99:>10.2f}")
print(f"{'ratio':22}{ratio:>12.2f}x")
met = ratio >= 0.5 and page_p99 <= 10
print("goal (>= 0.5x and p99 <= 10 ms): " + ("met" if met else "missed"))
PY
