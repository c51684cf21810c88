#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the test suites: a cluster in a temporary directory, listening
# on a Unix socket only, tuned for speed over durability (fsync off: a crash loses nothing we
# keep), with a database `agora_template` migrated by the binary under test. Each test server
# then gets its own database cloned from the template (tests/support/database.mjs).
#
#   scripts/pg-test-server.sh start DIR BINARY   # prints the socket directory
#   scripts/pg-test-server.sh stop DIR
#   scripts/pg-test-server.sh pause DIR    # stops the server, keeps its data (outage tests)
#   scripts/pg-test-server.sh resume DIR   # starts it again
#
# PG_DURABLE=1 (the benchmarks) keeps fsync and full-page writes on and sets
# synchronous_commit=off: the durability of SQLite's WAL with synchronous=NORMAL (a commit
# survives the process, an OS crash may lose the last ones). PG_SHARED_BUFFERS (128MB).
#
# As root (CI, a fresh machine), the cluster runs as the `postgres` user that Debian's
# package creates: PostgreSQL refuses to run as root.
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x $bin/initdb ]] || { echo "pg-test-server: PostgreSQL is not installed (scripts/install-deps.sh)" >&2; exit 1; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() {
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [[ ${PG_DURABLE:-} == 1 ]]; then durability="-c synchronous_commit=off"; fi
  # max_connections: several test servers run at once, each with a connection per thread.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' $durability -c max_connections=400 -c shared_buffers=${PG_SHARED_BUFFERS:-128MB}" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case $cmd in
  start)
    binary=${3:?agora binary}
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U agora --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    start_server
    psql -h "$dir" -U agora -d postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE DATABASE agora_template ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0" >/dev/null
    AGORA_DATABASE_URL="host=$dir user=agora dbname=agora_template" "$binary" migrate --data "$dir/agora-data" >/dev/null 2>"$dir/migrate.log" ||
      { cat "$dir/migrate.log" >&2; exit 1; }
    echo "$dir"
    ;;
  pause)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || start_server
    ;;
  stop)
    if [[ -f $dir/data/postmaster.pid ]]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR BINARY | stop DIR | pause DIR | resume DIR" >&2
    exit 2
    ;;
esac
