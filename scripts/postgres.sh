#!/usr/bin/env bash
# A private PostgreSQL server on 127.0.0.1 with its data in a folder of ours; the system cluster is left alone.
# Usage: postgres.sh start DIR PORT [fast]   ("fast" turns off fsync: for tests only)
#        postgres.sh stop DIR
#        postgres.sh wipe DIR                 (stop, then delete the data)
# Creates the role and database "site" (owner of its schema, so migrations can create extensions).
# The server runs as the postgres user. When that user cannot reach DIR (a checkout under /root, or in a private
# temporary folder), the cluster lives in /var/lib/site-postgres/<hash of DIR> instead, and DIR/cluster links to it.
set -euo pipefail
cmd=${1:?start|stop|wipe}; dir=$(realpath -m "${2:?data folder}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
root_user=false; [ "$(id -u)" -eq 0 ] && root_user=true
as_pg() { if $root_user; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Where the cluster lives: DIR itself, or the fallback reachable by the postgres user.
cluster_dir() {
  if $root_user; then
    mkdir -p "$dir"; chown postgres "$dir"
    if ! runuser -u postgres -- test -w "$dir" 2>/dev/null; then
      local real="/var/lib/site-postgres/$(printf '%s' "$dir" | sha1sum | cut -c1-16)"
      mkdir -p "$real"; chown postgres "$real"; chmod 700 "$real"
      ln -sfn "$real" "$dir/cluster"
      echo "$real"; return
    fi
  fi
  mkdir -p "$dir"; echo "$dir"
}
C=$(cluster_dir)

case "$cmd" in
  start)
    port=${3:?port}
    # 256 MB of shared buffers (the default is 128 MB) keeps a large site's search indexes in PostgreSQL's own cache:
    # full search answers about a fifth more queries a second on 100,000 documents (bench/search.sh).
    extra=(-c shared_buffers=256MB)
    [ "${4:-}" = fast ] && extra+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
    if [ ! -f "$C/data/PG_VERSION" ]; then
      mkdir -p "$C/data"; $root_user && chown -R postgres "$C"
      as_pg "$bin/initdb" -D "$C/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$C/initdb.log"
    fi
    mkdir -p "$C/socket"; $root_user && chown postgres "$C/socket"
    # A server left running by a crashed run on the same folder is reused; a stale pid file is cleared by pg_ctl.
    if ! as_pg "$bin/pg_ctl" -D "$C/data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$C/data" -l "$C/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $C/socket ${extra[*]}" start >/dev/null \
        || { tail -n 20 "$C/server.log" >&2; exit 1; }
    fi
    psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
    [ "$(psql_ -c "select 1 from pg_roles where rolname='site'")" = 1 ] || psql_ -c "create role site login createdb"
    [ "$(psql_ -c "select 1 from pg_database where datname='site'")" = 1 ] || psql_ -c "create database site owner site"
    ;;
  stop|wipe)
    [ -f "$C/data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$C/data" -m fast -w stop >/dev/null 2>&1 || true
    if [ "$cmd" = wipe ]; then
      [ "$C" != "$dir" ] && rm -rf "$C"
      rm -rf "$dir"
    fi
    ;;
  *) echo "usage: $0 start DIR PORT [fast] | stop DIR | wipe DIR" >&2; exit 2 ;;
esac
