#!/usr/bin/env bash
# SQLite and PostgreSQL side by side, in one run, on the same seeded organization: seeds
# SQLite (PEOPLE=50000, POSTS=1000000), moves it into a PostgreSQL 15 of its own with
# `agora db copy` (timed), then on each engine in turn: a profile read and a seeded person's
# home feed beside nginx serving the same bytes (64 connections), posting alone and while 48
# connections read feeds, and the database statements per request (from /metrics:
# agora_db_seconds_count, every statement and read transaction, each a round trip on
# PostgreSQL). PostgreSQL runs on the same machine with fsync on and synchronous_commit=off:
# the durability of SQLite's WAL with synchronous=NORMAL.
# Usage: bench/engines.sh   (env: PEOPLE, POSTS, DURATION=10; DATA=DIR reuses a seeded SQLite
# data directory, which stays in place; PG_DIR=DIR keeps the PostgreSQL cluster there and
# reuses it on the next run instead of copying again; THREADS sets http.threads on both)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-50000}
POSTS=${POSTS:-1000000}
DURATION=${DURATION:-10}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server

source bench/lib.sh engines

data=${DATA:-$work/data}
if [[ -z "${DATA:-}" ]]; then
  echo "== seeding $PEOPLE people and $POSTS posts (SQLite)"
  /usr/bin/time -f "seed: %e s wall" ./build/agora seed --people "$PEOPLE" --posts "$POSTS" --data "$data" 2>&1 | grep -v '"msg"'
fi
echo reader-password-1 | ./build/agora admin set-password --data "$data" --email person1234@seed.example --password-stdin >/dev/null
echo writer-password-1 | ./build/agora admin set-password --data "$data" --email person77@seed.example --password-stdin >/dev/null
du -sh "$data/agora.db" | awk '{print "SQLite file: " $1}'

echo "== PostgreSQL 15 on this machine (fsync on, synchronous_commit off, shared_buffers 4GB: the whole database, as SQLite's file is in the page cache)"
pg=${PG_DIR:-$work/pg}
url="host=$pg user=agora dbname=agora_bench"
if [[ -n ${PG_DIR:-} && -d $pg/data ]]; then
  PG_DURABLE=1 PG_SHARED_BUFFERS=4GB scripts/pg-test-server.sh resume "$pg"
  trap 'scripts/pg-test-server.sh pause "$pg"; cleanup' EXIT
else
  PG_DURABLE=1 PG_SHARED_BUFFERS=4GB scripts/pg-test-server.sh start "$pg" build/agora >/dev/null
  if [[ -n ${PG_DIR:-} ]]; then trap 'scripts/pg-test-server.sh pause "$pg"; cleanup' EXIT
  else trap 'scripts/pg-test-server.sh stop "$pg"; cleanup' EXIT; fi
  psql -h "$pg" -U agora -d postgres -q -c "CREATE DATABASE agora_bench ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0"
  /usr/bin/time -f "db copy: %e s wall, %M KiB max RSS" ./build/agora db copy --data "$data" --to "$url" 2>&1 | grep -Ev '^\s'
fi
psql -h "$pg" -U agora -d agora_bench -Atc "SELECT 'PostgreSQL database: ' || pg_size_pretty(pg_database_size('agora_bench'))"

metric() { curl -fs "http://127.0.0.1:$agora_port/metrics" | awk '/^agora_db_seconds_count\{mode="read"\}/ {r=$2} /^agora_db_seconds_count\{mode="write"\}/ {w=$2} END {print r + w}'; }
requests() { awk '/requests in/ {print $1}' "$work/wrk-$1.txt"; }
per_request() {  # name, statements before
  awk -v s="$(( $(metric) - $2 ))" -v n="$(requests "$1")" 'BEGIN {printf "%.1f", s / n}'
}

for engine in sqlite postgres; do
  echo
  echo "== $engine"
  dburl=""
  if [[ $engine == postgres ]]; then dburl=$url; fi
  agora_port=$(port)
  AGORA_DATABASE_URL=$dburl AGORA_HTTP_ACCESS_LOG=false AGORA_HTTP_WRITES_PER_MINUTE=0 AGORA_HTTP_THREADS=${THREADS:-0} \
    ./build/agora serve --data "$data" --listen "127.0.0.1:$agora_port" >"$work/out-$engine" 2>"$work/log-$engine" &
  server=$!
  pids+=("$server")
  until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
  for _ in $(seq 1 3000); do grep -q '"post index built"' "$work/log-$engine" && break; sleep 0.1; done
  grep -o '"post index built".*' "$work/log-$engine" | head -1 || echo "post index not built after 300 s"
  reader=$(token_for person1234@seed.example reader-password-1)
  writer=$(token_for person77@seed.example writer-password-1)
  curl -fs -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/people/person-4321" >"$work/profile-$engine.json"
  curl -fs -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/feed" >"$work/feed-$engine.json"
  if [[ $engine == postgres ]]; then
    cmp -s "$work/profile-sqlite.json" "$work/profile-postgres.json" && echo "profile: the same bytes on both engines" || echo "profile: DIFFERS between engines"
    cmp -s "$work/feed-sqlite.json" "$work/feed-postgres.json" && echo "home feed: the same bytes on both engines" || echo "home feed: DIFFERS between engines"
  fi
  start_nginx "$work/profile-$engine.json" profile.json
  profile_nginx=$nginx_port
  start_nginx "$work/feed-$engine.json" feed.json
  for round in 1 2; do
    before=$(metric)
    run "$engine-profile-$round" 64 -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/people/person-4321"
    echo "  statements per profile read: $(per_request "$engine-profile-$round" "$before")"
    run "$engine-nginx-profile-$round" 64 "http://127.0.0.1:$profile_nginx/profile.json"
    echo "  profile / nginx: $(awk -v a="$(rps "$engine-profile-$round")" -v b="$(rps "$engine-nginx-profile-$round")" 'BEGIN {printf "%.2fx", a / b}')"
    before=$(metric)
    run "$engine-feed-$round" 64 -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/feed"
    echo "  statements per home feed: $(per_request "$engine-feed-$round" "$before")"
    run "$engine-nginx-feed-$round" 64 "http://127.0.0.1:$nginx_port/feed.json"
    echo "  home feed / nginx: $(awk -v a="$(rps "$engine-feed-$round")" -v b="$(rps "$engine-nginx-feed-$round")" 'BEGIN {printf "%.2fx", a / b}')"
  done
  # The reads above ask for one profile again and again: after the first, from memory
  # (people/viewed_cache.h). Spread over every person, nearly each read is a database read.
  # A first round, not reported, brings every person's pages into memory.
  PEOPLE=$PEOPLE wrk -t2 -c64 -d"${DURATION}s" -H "Authorization: Bearer $reader" -s bench/profiles.lua "http://127.0.0.1:$agora_port/" >/dev/null
  before=$(metric)
  PEOPLE=$PEOPLE run "$engine-profiles-spread" 64 -H "Authorization: Bearer $reader" -s bench/profiles.lua "http://127.0.0.1:$agora_port/"
  echo "  statements per profile read: $(per_request "$engine-profiles-spread" "$before")"
  echo "  spread profiles / nginx (profile): $(awk -v a="$(rps "$engine-profiles-spread")" -v b="$(rps "$engine-nginx-profile-2")" 'BEGIN {printf "%.2fx", a / b}')"
  before=$(metric)
  AUTH="Bearer $writer" run "$engine-posting" 16 -s bench/post.lua "http://127.0.0.1:$agora_port/"
  echo "  statements per post: $(per_request "$engine-posting" "$before")"
  wrk -t1 -c48 -d"${DURATION}s" -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/feed" >"$work/wrk-reads-$engine.txt" &
  reads=$!
  AUTH="Bearer $writer" run "$engine-posting-while-reading" 16 -s bench/post.lua "http://127.0.0.1:$agora_port/"
  wait "$reads" || true
  echo "  feeds read meanwhile: $(awk '/Requests\/sec/ {print $2}' "$work/wrk-reads-$engine.txt") req/s"
  echo "  server RSS: $(( $(awk '/VmRSS/ {print $2}' "/proc/$server/status") / 1024 )) MiB"
  kill "$server"
  wait "$server" 2>/dev/null || true
  # nginx instances of this round
  for p in "${pids[@]}"; do [[ $p == "$server" ]] || kill "$p" 2>/dev/null || true; done
  pids=()
done
