#!/usr/bin/env bash
# The album ZIP benchmark, one command: makes an album of photo-sized files adding up to ALBUM_MB, stores them as
# photos in the local media folder (a private PostgreSQL holds the rows), then, in the same run and from the same
# bytes, times `zip -0` (store, no compression, as the product's ZIP) and the product's AlbumZipBuilder streaming the
# album's ZIP into media storage. Best of two runs each, alternating, so both see the same page cache.
# Goals (albums issue): memory growth while building ≤ 50 MB; speed ≥ 0.8 × zip -0 (zip's time / the builder's time).
# Usage: bench/albums.sh [ALBUM_MB, default 2048]   (e.g. bench/albums.sh 200 for a short check)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"; . scripts/lib/common.sh
album_mb=${1:-2048}
B="$root/.bench/albums"
load_at_start=$(cut -d' ' -f1 /proc/loadavg)

log "Checking system packages"
scripts/install-prerequisites.sh run
command -v zip >/dev/null || {
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends zip >/dev/null
}

rm -rf "$B"; mkdir -p "$B"
log "Building the runner"
dotnet build bench/AlbumBench/AlbumBench.csproj -c Release -v quiet -nologo -o "$B/runner" | grep -E " error " || true
[ -f "$B/runner/AlbumBench.dll" ] || die "the runner did not build"
runner() { dotnet "$B/runner/AlbumBench.dll" "$@"; }

pg_port=$(free_port)
trap 'scripts/postgres.sh stop "$B/pg"; rm -rf "$B/files" "$B/media" "$B/zip-0.zip"' EXIT
scripts/postgres.sh start "$B/pg" "$pg_port" fast
connection="Host=127.0.0.1;Port=$pg_port;Username=site;Database=albums_bench"

log "Making a ${album_mb} MB album"
runner generate "$B/files" "$album_mb"
album=$(runner load "$connection" "$B/media" "$B/files" | tail -n 1)
files=$(ls "$B/files" | wc -l)

now() { date +%s.%N; }
zip_best=999999; site_best=999999; growth_worst=0; zip_bytes=0
for run in 1 2; do
  rm -f "$B/zip-0.zip"
  t0=$(now); (cd "$B/files" && zip -0 -q "$B/zip-0.zip" ./*.jpg); t1=$(now)
  zip_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  line=$(runner zip "$connection" "$B/media" "$album" | grep '^outcome=')
  site_s=$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$line")
  growth=$(sed -E 's/.*rss_growth_mb=([0-9.]+).*/\1/' <<<"$line")
  zip_bytes=$(sed -E 's/.*zip_bytes=([0-9]+).*/\1/' <<<"$line")
  key=$(sed -E 's/.*zip_key=([^ ]+).*/\1/' <<<"$line")
  allocated=$(sed -E 's/.*allocated_mb=([0-9.]+).*/\1/' <<<"$line")
  printf '  run %d: zip -0 %.2f s, Site %.2f s, Site memory growth %.1f MB (%.1f MB allocated in all)\n' "$run" "$zip_s" "$site_s" "$growth" "$allocated"
  zip_best=$(awk -v a="$zip_s" -v b="$zip_best" 'BEGIN { print (a < b) ? a : b }')
  site_best=$(awk -v a="$site_s" -v b="$site_best" 'BEGIN { print (a < b) ? a : b }')
  growth_worst=$(awk -v a="$growth" -v b="$growth_worst" 'BEGIN { print (a > b) ? a : b }')
done

# The product's ZIP must be one that unzip accepts, with every file in it.
unzip -tq "$B/media/objects/$key" >/dev/null || die "unzip -t refused the album's ZIP"
entries=$(unzip -Z1 "$B/media/objects/$key" | wc -l)
[ "$entries" -eq "$files" ] || die "the ZIP holds $entries entries, the album $files photos"

ratio=$(awk -v z="$zip_best" -v s="$site_best" 'BEGIN { printf "%.2f", z / s }')
speed_ok=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.8) ? "PASS" : "FAIL" }')
memory_ok=$(awk -v g="$growth_worst" 'BEGIN { print (g <= 50) ? "PASS" : "FAIL" }')
cat <<REPORT

Album ZIP benchmark: $(nproc) cores, album of $files files, $((zip_bytes / 1048576)) MB ZIP (unzip -t: OK)
Load average (1 min): $load_at_start before the run, $(cut -d' ' -f1 /proc/loadavg) after it; other work on the machine slows every figure.
  zip -0 of the same files (best of 2):     $(printf '%.2f' "$zip_best") s
  Site AlbumZipBuilder (best of 2):         $(printf '%.2f' "$site_best") s
  Speed, zip -0 time / Site time:           $ratio   (goal ≥ 0.80)  $speed_ok
  Site memory growth while building (max):  ${growth_worst} MB   (goal ≤ 50 MB)  $memory_ok
REPORT
[ "$speed_ok" = PASS ] && [ "$memory_ok" = PASS ]
