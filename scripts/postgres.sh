#!/usr/bin/env bash
# A private PostgreSQL server on 127.0.0.1 with its data in a folder of ours; the system cluster is left alone.
# Usage: postgres.sh start DIR PORT [fast]   ("fast" turns off fsync: for tests only)
#        postgres.sh stop DIR
# Creates the role and database "site" (owner of its schema, so migrations can create extensions).
set -euo pipefail
cmd=${1:?start|stop}; dir=$(realpath -m "${2:?data folder}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=${3:?port}; extra=()
    [ "${4:-}" = fast ] && extra=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
    mkdir -p "$dir"; [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir/data" "$dir/socket"; [ "$(id -u)" -eq 0 ] && chown -R postgres "$dir"
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    mkdir -p "$dir/socket"; [ "$(id -u)" -eq 0 ] && chown postgres "$dir/socket"
    # A server left running by a crashed run on the same folder is reused; a stale pid file is cleared by pg_ctl.
    if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket ${extra[*]}" start >/dev/null \
        || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    fi
    psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
    [ "$(psql_ -c "select 1 from pg_roles where rolname='site'")" = 1 ] || psql_ -c "create role site login createdb"
    [ "$(psql_ -c "select 1 from pg_database where datname='site'")" = 1 ] || psql_ -c "create database site owner site"
    ;;
  stop)
    [ -f "$dir/data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start DIR PORT [fast] | stop DIR" >&2; exit 2 ;;
esac
