#!/usr/bin/env bash
# Community benchmarks (issue 5): a community of MEMBERS people with COMMUNITY_POSTS posts.
# Its stream (20 items) read by a member beside nginx serving the same bytes (64
# connections, alternated twice); posting into it alone and while its stream is read; one
# person joining and leaving it in turn; the server's memory.
# Usage: bench/communities.sh   (env: PEOPLE=120000 MEMBERS=100000 COMMUNITY_POSTS=200000 DURATION=10;
# DATA=DIR reuses a directory seeded by an earlier run)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-120000}
MEMBERS=${MEMBERS:-100000}
COMMUNITY_POSTS=${COMMUNITY_POSTS:-200000}
DURATION=${DURATION:-10}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server

source bench/lib.sh communities

data=${DATA:-$work/data}
if [[ -z "${DATA:-}" ]]; then
  echo "== seeding $PEOPLE people, a community of $MEMBERS with $COMMUNITY_POSTS posts"
  /usr/bin/time -f "seed: %e s wall, %M KiB max RSS" ./build/agora seed --people "$PEOPLE" --community-members "$MEMBERS" \
    --community-posts "$COMMUNITY_POSTS" --data "$data" 2>&1 | grep -v '"msg"'
fi
# A member (reads and posts) and someone outside the first MEMBERS people (joins and leaves).
echo member-password-1 | ./build/agora admin set-password --data "$data" --email person1234@seed.example --password-stdin >/dev/null
echo joiner-password-1 | ./build/agora admin set-password --data "$data" --email "person$((PEOPLE - 1))@seed.example" --password-stdin >/dev/null

agora_port=$(port)
AGORA_HTTP_ACCESS_LOG=false AGORA_HTTP_WRITES_PER_MINUTE=0 ./build/agora serve --data "$data" --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
pids+=($!)
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
for _ in $(seq 1 3000); do grep -q '"post index built"' "$work/log" && break; sleep 0.1; done
grep -o '"post index built".*' "$work/log" || echo "post index not built after 300 s"
member=$(token_for person1234@seed.example member-password-1)
joiner=$(token_for "person$((PEOPLE - 1))@seed.example" joiner-password-1)
community=$(curl -fs -H "Authorization: Bearer $member" "http://127.0.0.1:$agora_port/api/v1/communities/seed-everyone" |
  sed -E 's/^\{"id":"([0-9]+)".*/\1/')
curl -fs -H "Authorization: Bearer $member" "http://127.0.0.1:$agora_port/api/v1/communities/seed-everyone" |
  grep -o '"member_count":[0-9]*' | sed 's/"member_count":/members: /'
stream_url="http://127.0.0.1:$agora_port/api/v1/feed?source=community:$community"
curl -fs -H "Authorization: Bearer $member" "$stream_url" >"$work/stream.json"
echo "community stream page: $(stat -c %s "$work/stream.json") bytes, $(grep -o '"kind":"post"' "$work/stream.json" | wc -l) posts"

start_nginx "$work/stream.json" stream.json

echo "== wrk -t2 -d${DURATION}s, access log off on both"
for round in 1 2; do
  run "community-stream-$round" 64 -H "Authorization: Bearer $member" "$stream_url"
  run "nginx-$round" 64 "http://127.0.0.1:$nginx_port/stream.json"
  echo "community stream / nginx #$round: $(awk -v a="$(rps community-stream-$round)" -v b="$(rps nginx-$round)" 'BEGIN {printf "%.2fx", a / b}')"
done
export COMMUNITY=$community
AUTH="Bearer $member" run "posting into the community" 16 -s bench/post_community.lua "http://127.0.0.1:$agora_port/"
wrk -t1 -c48 -d"${DURATION}s" -H "Authorization: Bearer $member" "$stream_url" >"$work/wrk-reads.txt" &
reads=$!
AUTH="Bearer $member" run "posting while its stream is read" 16 -s bench/post_community.lua "http://127.0.0.1:$agora_port/"
wait "$reads" || true
echo "stream read meanwhile: $(awk '/Requests\/sec/ {print $2}' "$work/wrk-reads.txt") req/s"
# One connection: joins and leaves strictly alternate.
AUTH="Bearer $joiner" run "join and leave, in turn" 1 -s bench/join_leave.lua "http://127.0.0.1:$agora_port/"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/${pids[0]}/status) / 1024 )) MiB"
