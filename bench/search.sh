#!/usr/bin/env bash
# Benchmark of search: builds the index from synthetic documents through the product's indexer (documents/s), then
# measures autocomplete and full search under concurrent clients next to a primary-key lookup of the same table in the
# same run, and prints which indexes PostgreSQL used (EXPLAIN ANALYZE). Goals: autocomplete p95 <= 15 ms, full search
# p95 <= 50 ms with 100,000 documents and 8 clients. Exits 1 when a goal is missed.
# Usage: bench/search.sh [documents, default 100000] [seconds per measurement, default 10] [clients, default 8]
# BENCH_FULL_PLANS=1 prints the whole EXPLAIN ANALYZE output instead of its index scans and timing.
# BENCH_REUSE_INDEX=1 keeps the index of an earlier run (only useful with a server that outlives the run).
# BENCH_SHAPES=1 also times each shape of full-search query (one word, two, cut short, phrase, exclusion) alone.
# BENCH_EXPLAIN=term also prints the whole plan of a full search for that term.
# Starts a private PostgreSQL (data in .bench/search-pg, durable settings as in production) on a free port and stops it after.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"; . scripts/lib/common.sh
B="$root/.bench"; mkdir -p "$B"

scripts/install-prerequisites.sh run
log "Building the benchmark (Release)"
dotnet build bench/Site.Bench.Search/Site.Bench.Search.csproj -c Release -nologo -v quiet -o "$B/bench-search" | grep -E " error |warning " || true
[ -f "$B/bench-search/Site.Bench.Search.dll" ] || die "the build failed (see above)"

port=$(free_port)
trap 'scripts/postgres.sh stop "$B/search-pg"' EXIT
log "PostgreSQL on 127.0.0.1:$port"
rm -rf "$B/search-pg"
scripts/postgres.sh start "$B/search-pg" "$port"

dotnet "$B/bench-search/Site.Bench.Search.dll" "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
  "${1:-100000}" "${2:-10}" "${3:-8}"
