#!/usr/bin/env bash
# Search benchmarks (issue 17), on a seeded organization of PEOPLE people and POSTS posts
# (with their comments):
#   - `agora reindex`: documents, time, rate, and the index's size on disk;
#   - searches (one word, two words, phrases, filters; bench/search.lua) by a member of 50
#     communities, wrk at 16 connections: requests/s, p50/p95/p99;
#   - typeahead (bench/search_suggest.lua), 16 connections: p50/p95/p99;
#   - indexing while people post as fast as the server takes it (16 connections): posts/s,
#     documents indexed/s, and how long after the last post the queue is empty.
# Usage: bench/search.sh   (env: PEOPLE=400000 POSTS=10000000 DURATION=10;
# DATA=DIR reuses a directory seeded and indexed by an earlier run; REINDEX=1 indexes it again)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-400000}
POSTS=${POSTS:-10000000}
DURATION=${DURATION:-10}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server

source bench/lib.sh search

data=${DATA:-$work/data}
if [[ -z "${DATA:-}" ]]; then
  echo "== seeding $PEOPLE people and $POSTS posts"
  /usr/bin/time -f "seed: %e s wall, %M KiB max RSS" ./build/agora seed --people "$PEOPLE" --posts "$POSTS" \
    --community-members 1000 --community-posts 1000 --data "$data" 2>&1 | grep -v '"msg"'
fi

if [[ -z "${DATA:-}" || "${REINDEX:-0}" == 1 ]]; then
  echo "== agora reindex"
  /usr/bin/time -f "reindex: %e s wall, %M KiB max RSS" ./build/agora reindex --data "$data" 2>&1 | tr '\r' '\n' | grep -v '^\[' | grep -v '"msg"'
fi
echo "index on disk: $(du -sh "$data/search" | cut -f1); database: $(du -sh "$data/agora.db" | cut -f1)"

echo reader-password-1 | ./build/agora admin set-password --data "$data" --email person1@seed.example --password-stdin >/dev/null
agora_port=$(port)
AGORA_HTTP_ACCESS_LOG=false AGORA_HTTP_WRITES_PER_MINUTE=0 ./build/agora serve --data "$data" --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
pids+=($!)
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
# The post and name indexes load in the background after start (a long read at 10M posts,
# which holds SQLite's checkpoints and so writers back): measure once they are loaded.
for _ in $(seq 1 3000); do grep -q '"post index built"' "$work/log" && grep -q '"name index built"' "$work/log" && break; sleep 0.1; done
reader=$(token_for person1@seed.example reader-password-1)
api() { curl -fs -H "Authorization: Bearer $reader" -H 'Content-Type: application/json' "$@"; }
# The reader is in 50 communities (the seeded one and 49 of their own, each with a post);
# with DATA reused, those of an earlier run (the same handles) are theirs already.
api -X POST "http://127.0.0.1:$agora_port/api/v1/communities/seed-everyone/join" >/dev/null || true
for i in $(seq 1 49); do
  if id=$(api -d "{\"name\":\"Bench community $i\",\"handle\":\"bench-reader-$i\",\"type\":\"restricted\"}" \
    "http://127.0.0.1:$agora_port/api/v1/communities" | sed -E 's/^\{"id":"([0-9]+)".*/\1/'); then
    api -d "{\"body\":\"Kubernetes guide for community $i\",\"audience\":\"community\",\"community_id\":\"$id\"}" \
      "http://127.0.0.1:$agora_port/api/v1/posts" >/dev/null
  fi
done
echo "the reader is in $(sqlite3 "$data/agora.db" "SELECT COUNT(*) FROM community_members m JOIN users u ON u.id = m.person_id
  WHERE u.email_key = 'person1@seed.example' AND m.state = 'active'" 2>/dev/null || echo '?') communities"
handle=$(api "http://127.0.0.1:$agora_port/api/v1/me" | sed -E 's/.*"handle":"([^"]+)".*/\1/')
sleep 1
for words in kubernetes '%22lessons%20learned%22' 'tag%3Arust'; do
  api "http://127.0.0.1:$agora_port/api/v1/search?q=$words" | python3 -c "import json,sys; d=json.load(sys.stdin); \
print('  q=$words:', ', '.join(f\"{f['value']} {f['count']}\" for f in d['facets']['kind']))"
done

echo "== wrk, 16 connections, ${DURATION}s each, access log off"
# Typeahead first: slow searches still queued would hold its threads.
AUTH="Bearer $reader" run "typeahead" 16 -s bench/search_suggest.lua "http://127.0.0.1:$agora_port/"
grep 'latency ms' "$work/wrk-typeahead.txt"
AUTH="Bearer $reader" AUTHOR="$handle" run "search (query mix)" 16 -s bench/search.lua "http://127.0.0.1:$agora_port/"
grep 'latency ms' "$work/wrk-search (query mix).txt"

echo "== indexing while posting"
metric() { curl -fs "http://127.0.0.1:$agora_port/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
before=$(metric 'agora_search_documents_total{change="put"}')
start=$(date +%s.%N)
AUTH="Bearer $reader" run "posting" 16 -s bench/post.lua "http://127.0.0.1:$agora_port/"
posted_at=$(date +%s.%N)
queued=$(metric agora_search_queue_rows)
until [[ $(metric agora_search_queue_rows) == 0 ]]; do sleep 0.05; done
drained_at=$(date +%s.%N)
after=$(metric 'agora_search_documents_total{change="put"}')
awk -v a="$after" -v b="$before" -v s="$start" -v p="$posted_at" -v d="$drained_at" -v q="$queued" 'BEGIN {
  printf "indexed %d documents in %.1f s (%.0f/s); %d rows waited when posting stopped, the queue was empty %.2f s later\n",
    a - b, d - s, (a - b) / (d - s), q, d - p }'
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/${pids[0]}/status) / 1024 )) MiB"
