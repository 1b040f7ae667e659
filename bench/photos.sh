#!/usr/bin/env bash
# The photo pipeline benchmark, one command: makes a 24-megapixel camera-like JPEG, runs it through the whole
# pipeline (PhotoIntake to the local media folder, PhotoProcessor, a private PostgreSQL) and, in the same run, the
# vips command line producing the same variants (three display sizes in WebP and progressive JPEG, a 400×300
# attention crop in both). Prints wall times, the ratio, peak memory, and photos per minute for a batch.
# Goals (issue 8): pipeline ≤ 1.5 × vips, peak memory ≤ 300 MB. Usage: bench/photos.sh [BATCH_SIZE, default 50]
# The pipeline runs with the jobs host's allocator settings (Dockerfile.jobs, ./run); the batch also runs once with
# glibc's defaults, to show what those settings are worth. BENCH_RUNS sets the single-photo runs (default 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"; . scripts/lib/common.sh
batch=${1:-50}
runs=${BENCH_RUNS:-3}
B="$root/.bench/photos"
# The jobs host's allocator settings, as Dockerfile.jobs sets them.
jobs_allocator=(MALLOC_MMAP_THRESHOLD_=131072 MALLOC_ARENA_MAX=2)
load_at_start=$(cut -d' ' -f1 /proc/loadavg)

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
runner copies "$photo" "$B/one" 1
runner copies "$photo" "$B/batch" "$batch"

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

log "One photo, $runs runs each: vips command line, then the Site pipeline"
vips_best=999; site_best=999; site_peak=0
for run in $(seq "$runs"); do
  t0=$(now); vips_variants; t1=$(now)
  vips_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  line=$(env "${jobs_allocator[@]}" /usr/bin/time -v -o "$B/time-single-$run.txt" dotnet "$B/runner/PhotoBench.dll" process "$(connection "single_$run")" "$B/media-single-$run" "$B/one" | grep '^photos=')
  site_s=$(sed -E 's/.*total_s=([0-9.]+).*/\1/' <<<"$line")
  peak=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print int($2/1024)}' "$B/time-single-$run.txt")
  printf '  run %d: vips %.2f s, site %.2f s, site peak %d MB\n' "$run" "$vips_s" "$site_s" "$peak"
  vips_best=$(awk -v a="$vips_s" -v b="$vips_best" 'BEGIN { print (a < b) ? a : b }')
  site_best=$(awk -v a="$site_s" -v b="$site_best" 'BEGIN { print (a < b) ? a : b }')
  [ "$peak" -gt "$site_peak" ] && site_peak=$peak
done

# The batch runs at the product's default concurrency (2 decodes at once) and at 1, to show what the cap trades, and
# once more at 2 with glibc's default allocator settings, to show what the jobs host's settings save.
# Usage: batch_run CONCURRENCY LABEL DESCRIPTION [ENV=VALUE ...]; prints one line and writes the peak (MB) to
# $B/peak-LABEL.
batch_run() {
  local concurrency=$1 label=$2 description=$3 line; shift 3
  line=$(env "$@" /usr/bin/time -v -o "$B/time-batch-$label.txt" dotnet "$B/runner/PhotoBench.dll" process "$(connection "batch_$label")" \
    "$B/media-batch-$label" "$B/batch" "$concurrency" | grep '^photos=')
  local batch_peak; batch_peak=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print int($2/1024)}' "$B/time-batch-$label.txt")
  echo "$batch_peak" >"$B/peak-$label"
  printf '  Batch of %d, %d at a time, %s: %.1f s, %s photos/minute, peak memory %d MB (.NET heap at most %s MB)\n' "$batch" "$concurrency" \
    "$description" "$(sed -E 's/.*total_s=([0-9.]+).*/\1/' <<<"$line")" "$(sed -E 's/.*per_minute=([0-9.]+).*/\1/' <<<"$line")" \
    "$batch_peak" "$(sed -E 's/.*peak_managed_mb=([0-9]+).*/\1/' <<<"$line")"
}
log "A batch of $batch photos through the pipeline: 2 and then 1 at a time, then 2 at a time with glibc's defaults"
batch_two=$(batch_run 2 two "jobs host's allocator settings" "${jobs_allocator[@]}"); peak_two=$(cat "$B/peak-two")
batch_one=$(batch_run 1 one "jobs host's allocator settings" "${jobs_allocator[@]}"); peak_one=$(cat "$B/peak-one")
batch_default=$(batch_run 2 default "glibc's default allocator"); peak_default=$(cat "$B/peak-default")

ratio=$(awk -v a="$site_best" -v b="$vips_best" 'BEGIN { print a / b }')
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "PASS" : "FAIL" }'; }
batch_peak=$(( peak_two > peak_one ? peak_two : peak_one ))
cat <<REPORT

Photo pipeline benchmark ($(nproc) cores; 24 MP JPEG, $(du -h "$photo" | cut -f1)); load average (1 min) $load_at_start before, $(cut -d' ' -f1 /proc/loadavg) after
  vips command line, same variants (best of $runs):  $(printf '%.2f' "$vips_best") s
  Site pipeline, one photo (best of $runs):          $(printf '%.2f' "$site_best") s   ratio $(printf '%.2f' "$ratio") × vips (goal ≤ 1.5)   $(verdict "$ratio" 1.5)
  Site peak memory, one photo:                   ${site_peak} MB (goal ≤ 300)   $(verdict "$site_peak" 300)
  Site peak memory, batch of $batch:                ${batch_peak} MB (goal ≤ 300)   $(verdict "$batch_peak" 300)
$batch_two
$batch_one
$batch_default
  The jobs host's allocator settings save $(( peak_default - peak_two )) MB of the batch's peak ($peak_default → $peak_two MB).
REPORT
