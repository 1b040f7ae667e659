#!/usr/bin/env bash
# Installs the Debian packages the product needs, only those missing. Usage: install-prerequisites.sh run|test|bench
#   run   PostgreSQL (the product's database), Chromium (browser jobs) and Node.js with npm (the web host's build
#         bundles the knowledge graph's script from npm packages)
#   test  the above plus Redis, a single-node Ceph radosgw (a real S3 server), curl, exiftool (the photo tests write
#         and check EXIF with it) and libheif's encoder (the photo tests make HEIC files with it)
#   bench the test set plus wrk and the vips command line (the photo benchmark's yardstick)
set -euo pipefail
want=(postgresql chromium curl python3)
case "${1:-run}" in
  run) ;;
  test) want+=(redis-server radosgw ceph-mon ceph-osd libimage-exiftool-perl libheif-examples) ;;
  bench) want+=(redis-server radosgw ceph-mon ceph-osd libimage-exiftool-perl libheif-examples wrk libvips-tools) ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Any Node.js 18 or later will do, Debian's or another source's, so the commands are checked rather than the packages.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} (apt-get)…" >&2
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
