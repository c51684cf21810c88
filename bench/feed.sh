#!/usr/bin/env bash
# Feed benchmarks on a seeded organization with a year of posts: the home feed of a seeded
# person (about 175 follows) beside nginx serving the same bytes, at 64 connections; posting
# alone and posting while feeds are read; the server's memory.
# Usage: bench/feed.sh   (env: PEOPLE=50000 POSTS=1000000 DURATION=10; DATA=DIR reuses a data
# directory seeded by an earlier run instead of seeding, and leaves it in place)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-50000}
POSTS=${POSTS:-1000000}
DURATION=${DURATION:-10}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server

source bench/lib.sh feed

data=${DATA:-$work/data}
if [[ -z "${DATA:-}" ]]; then
  echo "== seeding $PEOPLE people and $POSTS posts"
  /usr/bin/time -f "seed: %e s wall, %M KiB max RSS" ./build/agora seed --people "$PEOPLE" --posts "$POSTS" --data "$data" 2>&1 | grep -v '"msg"'
fi
echo reader-password-1 | ./build/agora admin set-password --data "$data" --email person1234@seed.example --password-stdin >/dev/null
echo writer-password-1 | ./build/agora admin set-password --data "$data" --email person77@seed.example --password-stdin >/dev/null
du -sh "$data" | awk '{print "database: " $1}'

agora_port=$(port)
AGORA_HTTP_ACCESS_LOG=false AGORA_HTTP_WRITES_PER_MINUTE=0 ./build/agora serve --data "$data" --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
pids+=($!)
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
# Feeds come from SQL until the post index is built (in the background): measure after.
for _ in $(seq 1 3000); do grep -q '"post index built"' "$work/log" && break; sleep 0.1; done
grep -o '"post index built".*' "$work/log" || echo "post index not built after 300 s"
reader=$(token_for person1234@seed.example reader-password-1)
writer=$(token_for person77@seed.example writer-password-1)
curl -fs -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/feed" >"$work/feed.json"
echo "home feed page: $(stat -c %s "$work/feed.json") bytes, $(grep -o '"kind":"post"' "$work/feed.json" | wc -l) posts"

start_nginx "$work/feed.json" feed.json

echo "== wrk -t2 -d${DURATION}s, access log off on both"
for round in 1 2; do
  run "home-feed-$round" 64 -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/feed"
  run "nginx-$round" 64 "http://127.0.0.1:$nginx_port/feed.json"
  echo "home feed / nginx #$round: $(awk -v a="$(rps home-feed-$round)" -v b="$(rps nginx-$round)" 'BEGIN {printf "%.2fx", a / b}')"
done
AUTH="Bearer $writer" run "posting" 16 -s bench/post.lua "http://127.0.0.1:$agora_port/"
# Posting while 48 connections read home feeds.
wrk -t1 -c48 -d"${DURATION}s" -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/feed" >"$work/wrk-reads.txt" &
reads=$!
AUTH="Bearer $writer" run "posting while feeds are read" 16 -s bench/post.lua "http://127.0.0.1:$agora_port/"
wait "$reads" || true
echo "feeds read meanwhile: $(awk '/Requests\/sec/ {print $2}' "$work/wrk-reads.txt") req/s"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/${pids[0]}/status) / 1024 )) MiB"
