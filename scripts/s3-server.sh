#!/usr/bin/env bash
# A real S3 server for tests and local trials: single-node Ceph (one monitor, one in-memory OSD) with radosgw on
# 127.0.0.1. Signatures are enforced, as on any real S3. Data lives in memory and is gone when it stops.
# Usage: s3-server.sh start DIR RGW_PORT MON_PORT   (DIR is wiped first; prints nothing on success)
#        s3-server.sh stop DIR
# Credentials: access key SITEKEY, secret SITESECRET. Needs Debian packages radosgw ceph-mon ceph-osd.
set -euo pipefail
cmd=${1:?start|stop}; D=$(realpath -m "${2:?folder}")
case "$cmd" in
stop)
  for pid in "$D"/run/*.pid; do [ -f "$pid" ] && kill -9 "$(cat "$pid")" 2>/dev/null || true; done
  exit 0 ;;
start) RGW_PORT=${3:?rgw port}; MON_PORT=${4:?mon port} ;;
*) echo "usage: $0 start DIR RGW_PORT MON_PORT | stop DIR" >&2; exit 2 ;;
esac

rm -rf "$D"; mkdir -p "$D"/{mon,osd0,rgw,run,log}
FSID=$(cat /proc/sys/kernel/random/uuid)
{
  echo "[global]"
  echo "fsid = $FSID"
  echo "mon host = v2:127.0.0.1:$MON_PORT"
  echo "public addr = 127.0.0.1"
  for k in "auth cluster required" "auth service required" "auth client required"; do echo "$k = none"; done
  for m in "ms mon client mode" "ms client mode" "ms mon cluster mode" "ms cluster mode" "ms mon service mode" "ms service mode"; do
    echo "$m = crc"
  done
  cat <<CONF
ms bind ipv6 = false
ms bind msgr1 = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
osd objectstore = memstore
memstore device bytes = ${MEMSTORE_BYTES:-1073741824}
osd crush chooseleaf type = 0
run dir = $D/run
log file = $D/log/\$name.log
admin socket = $D/run/\$name.asok
pid file = $D/run/\$name.pid
keyring = $D/keyring
[mon.a]
mon data = $D/mon
[osd]
osd data = $D/osd\$id
osd max object name len = 460
osd max object namespace len = 64
CONF
} > "$D/ceph.conf"

cd "$D"; C=(-c "$D/ceph.conf")
ceph-authtool --create-keyring keyring --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool keyring --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' >/dev/null
monmaptool --create --addv a "[v2:127.0.0.1:$MON_PORT]" --fsid "$FSID" monmap >/dev/null
ceph-mon "${C[@]}" --mkfs -i a --monmap monmap --keyring keyring
ceph-mon "${C[@]}" -i a
timeout 30 ceph "${C[@]}" osd create >/dev/null
ceph-osd "${C[@]}" -i 0 --mkfs 2>/dev/null
ceph-osd "${C[@]}" -i 0 2>/dev/null
timeout 30 ceph "${C[@]}" osd crush add osd.0 1 root=default host=localhost >/dev/null 2>&1
nohup radosgw "${C[@]}" -n client.admin -f --rgw-frontends "beast endpoint=127.0.0.1:$RGW_PORT" --rgw-data "$D/rgw" \
  > "$D/log/rgw.out" 2>&1 &
echo $! > "$D/run/rgw.pid"
for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" && break; sleep 0.2; done
curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" || { tail -n 20 "$D/log/rgw.out" >&2; exit 1; }
timeout 60 radosgw-admin "${C[@]}" -n client.admin user create --uid=site --display-name=Site \
  --access-key=SITEKEY --secret=SITESECRET >/dev/null 2>&1
