#!/usr/bin/env bash
# The knowledge graph benchmark, one command (see bench/GraphBench/Program.cs for what is measured):
#   build  the graph of 5,000 synthetic posts and 20,000 links ≤ 50 ms, next to iterating the links once;
#   draw   5,000 nodes in headless Chromium without a GPU while the layout runs ≥ 30 fps, next to an empty
#          requestAnimationFrame loop.
# Usage: bench/graph.sh [SECONDS of drawing, default 5]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"; . scripts/lib/common.sh
seconds=${1:-5}
B="$root/.bench/graph"

log "Checking system packages"
scripts/install-prerequisites.sh run
log "Bundling the graph's browser script"
client="$root/Site.Blazor/Graph/Client"
[ -f "$client/node_modules/.package-lock.json" ] || (cd "$client" && npm ci --no-audit --no-fund --loglevel=error)
(cd "$client" && npm run --silent build >/dev/null)
log "Building the runner"
rm -rf "$B"; mkdir -p "$B"
dotnet build bench/GraphBench/GraphBench.csproj -c Release -v quiet -nologo -o "$B/runner" | grep -E " error |warn" | grep -v NU1603 || true
[ -f "$B/runner/GraphBench.dll" ] || die "the runner did not build"
log "Running (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
dotnet "$B/runner/GraphBench.dll" "$root/Site.Blazor/wwwroot/js/graph/knowledge-graph.js" "$seconds" "$B/settled.png"
