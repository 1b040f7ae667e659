#!/usr/bin/env bash
# Benchmark of the job queue: no-op jobs per second through one jobs host and enqueue-to-start latency (p50/p95),
# printed next to a bare SQL insert + claim loop measured in the same run against the same PostgreSQL.
# Usage: bench/jobs.sh [throughput jobs, default 20000] [latency jobs, default 300]
# Starts a private PostgreSQL (data in .bench/pg, durable settings as in production) on a free port and stops it after.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"; . scripts/lib/common.sh
B="$root/.bench"; mkdir -p "$B"

scripts/install-prerequisites.sh run
log "Building the jobs host and the benchmark (Release)"
dotnet build Site.Jobs/Site.Jobs.csproj -c Release -nologo -v quiet -o "$B/jobs-host" | grep -E " error |warning " || true
dotnet build bench/Site.Bench.Jobs/Site.Bench.Jobs.csproj -c Release -nologo -v quiet -o "$B/bench-jobs" | grep -E " error |warning " || true
[ -f "$B/jobs-host/Site.Jobs.dll" ] && [ -f "$B/bench-jobs/Site.Bench.Jobs.dll" ] || die "the build failed (see above)"

port=$(free_port)
trap 'scripts/postgres.sh stop "$B/pg"' EXIT
log "PostgreSQL on 127.0.0.1:$port"
rm -rf "$B/pg"
scripts/postgres.sh start "$B/pg" "$port"

dotnet "$B/bench-jobs/Site.Bench.Jobs.dll" "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
  "$B/jobs-host/Site.Jobs.dll" "${1:-20000}" "${2:-300}"
