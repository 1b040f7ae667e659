#!/usr/bin/env bash
# The photo pipeline benchmark, one command: makes a 24-megapixel camera-like JPEG, runs it through the whole
# pipeline (PhotoIntake to the local media folder, PhotoProcessor, a private PostgreSQL) and, in the same run, the
# vips command line producing the same variants (three display sizes in WebP and progressive JPEG, a 400×300
# attention crop in both). Prints wall times, the ratio, peak memory, and photos per minute for a batch.
# Goals (issue 8): pipeline ≤ 1.5 × vips, peak memory ≤ 300 MB. Usage: bench/photos.sh [BATCH_SIZE, default 50]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"; . scripts/lib/common.sh
batch=${1:-50}
B="$root/.bench/photos"

log "Checking system packages"
scripts/install-prerequisites.sh run
if ! command -v vips >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libvips-tools >/dev/null
fi

rm -rf "$B"; mkdir -p "$B/vips"
log "Building the runner"
dotnet build bench/PhotoBench/PhotoBench.csproj -c Release -v quiet -nologo -o "$B/runner" | grep -E "error|warn" || true
[ -f "$B/runner/PhotoBench.dll" ] || die "the runner did not build"
runner() { dotnet "$B/runner/PhotoBench.dll" "$@"; }

photo="$B/camera-24mp.jpg"
runner generate "$photo" 6000 4000

pg_port=$(free_port)
trap 'scripts/postgres.sh stop "$B/pg"' EXIT
scripts/postgres.sh start "$B/pg" "$pg_port" fast
# Each run gets a database of its own (the runner creates and migrates it), so no run sees another's photos.
connection() { echo "Host=127.0.0.1;Port=$pg_port;Username=site;Database=photos_$1"; }

now() { date +%s.%N; }
# vips makes each output with shrink-on-load from the JPEG, as vips users do; .v is vips' own uncompressed format.
vips_variants() {
  local out="$B/vips" size w h
  for size in 2160x1440 1080x720 480x320; do
    w=${size%x*}; h=${size#*x}
    vips thumbnail "$photo" "$out/$size.v" "$w" --height "$h"
    vips jpegsave "$out/$size.v" "$out/$size.jpg" --Q 80 --interlace --strip
    vips webpsave "$out/$size.v" "$out/$size.webp" --Q 80 --strip
  done
  vips thumbnail "$photo" "$out/thumb.v" 400 --height 300 --crop attention
  vips jpegsave "$out/thumb.v" "$out/thumb.jpg" --Q 80 --interlace --strip
  vips webpsave "$out/thumb.v" "$out/thumb.webp" --Q 80 --strip
}

log "One photo, three runs each: vips command line, then the Site pipeline"
vips_best=999; site_best=999; site_peak=0
for run in 1 2 3; do
  t0=$(now); vips_variants; t1=$(now)
  vips_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  line=$(/usr/bin/time -v -o "$B/time-single-$run.txt" dotnet "$B/runner/PhotoBench.dll" process "$(connection "single_$run")" "$B/media-single-$run" "$photo" 1 | grep '^photos=')
  site_s=$(sed -E 's/.*total_s=([0-9.]+).*/\1/' <<<"$line")
  peak=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print int($2/1024)}' "$B/time-single-$run.txt")
  printf '  run %d: vips %.2f s, site %.2f s, site peak %d MB\n' "$run" "$vips_s" "$site_s" "$peak"
  vips_best=$(awk -v a="$vips_s" -v b="$vips_best" 'BEGIN { print (a < b) ? a : b }')
  site_best=$(awk -v a="$site_s" -v b="$site_best" 'BEGIN { print (a < b) ? a : b }')
  [ "$peak" -gt "$site_peak" ] && site_peak=$peak
done

log "A batch of $batch photos through the pipeline"
line=$(/usr/bin/time -v -o "$B/time-batch.txt" dotnet "$B/runner/PhotoBench.dll" process "$(connection batch)" "$B/media-batch" "$photo" "$batch" | grep '^photos=')
batch_peak=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print int($2/1024)}' "$B/time-batch.txt")
per_minute=$(sed -E 's/.*per_minute=([0-9.]+).*/\1/' <<<"$line")
batch_s=$(sed -E 's/.*total_s=([0-9.]+).*/\1/' <<<"$line")

ratio=$(awk -v a="$site_best" -v b="$vips_best" 'BEGIN { print a / b }')
cat <<REPORT

Photo pipeline benchmark ($(nproc) cores; 24 MP JPEG, $(du -h "$photo" | cut -f1))
  vips command line, same variants (best of 3):  $(printf '%.2f' "$vips_best") s
  Site pipeline, one photo (best of 3):          $(printf '%.2f' "$site_best") s   ratio $(printf '%.2f' "$ratio") × vips (goal ≤ 1.5)
  Site peak memory, one photo:                   ${site_peak} MB (goal ≤ 300)
  Batch of $batch: $(printf '%.1f' "$batch_s") s, ${per_minute} photos/minute, peak memory ${batch_peak} MB
REPORT
