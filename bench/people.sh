#!/usr/bin/env bash
# People benchmarks on a seeded organization: seeding time, staff import time, directory
# suggestions and expertise lookup latency (wrk, 32 connections), and a profile read beside
# nginx serving a static file of the same size.
# Usage: bench/people.sh   (env: PEOPLE=50000 DURATION=10 CONNECTIONS=32)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-50000}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server

source bench/lib.sh people

echo "== seeding $PEOPLE people"
/usr/bin/time -f "seed: %e s wall, %M KiB max RSS" ./build/agora seed --people "$PEOPLE" --data "$work/data" 2>&1 | grep -v '"msg"'
echo secret-bench-pw | ./build/agora admin create-user --data "$work/data" --email bench@example.com --name Bench --role member --password-stdin >/dev/null 2>&1

echo "== staff import of $PEOPLE rows into an empty database"
awk -v n="$PEOPLE" 'BEGIN {
  print "email,display_name,title,department,country,manager_email,expertise"
  for (i = 0; i < n; i++) {
    m = i == 0 ? "" : sprintf("p%d@import.example", int((i - 1) / 8))
    printf "p%d@import.example,Person %d,Engineer,Dept %d,SE,%s,topic-%d;go\n", i, i, i % 40, m, i % 500
  }
}' >"$work/staff.csv"
/usr/bin/time -f "import: %e s wall, %M KiB max RSS" ./build/agora admin import-people "$work/staff.csv" --data "$work/import" 2>&1 | grep -vE '"msg"|^\s*\[' | tail -2

agora_port=$(port)
AGORA_HTTP_ACCESS_LOG=false ./build/agora serve --data "$work/data" --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
pids+=($!)
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
# Suggestions come from memory once the name index is built (in the background, seconds at
# 400,000 people); measure after that, and say how long it took.
for _ in $(seq 1 1200); do grep -q '"name index built"' "$work/log" && break; sleep 0.1; done
grep -o '"name index built".*' "$work/log" || echo "name index not built after 120 s"
token=$(token_for bench@example.com secret-bench-pw)
auth="Authorization: Bearer $token"
curl -fs -H "$auth" "http://127.0.0.1:$agora_port/api/v1/people/person-1234" >"$work/profile.json"

start_nginx "$work/profile.json" profile.json

# Every run here uses CONNECTIONS (bench/lib.sh's run takes the count first).
run_c() { local name=$1; shift; run "$name" "$CONNECTIONS" "$@"; }
echo "== wrk -t2 -c$CONNECTIONS -d${DURATION}s, $PEOPLE people, access log off on both"
run_c "directory suggestions (q=prefix)" -s bench/suggest.lua -H "$auth" "http://127.0.0.1:$agora_port/"
run_c "expertise lookup (ranked)" -s bench/experts.lua -H "$auth" "http://127.0.0.1:$agora_port/"
# The machine's speed drifts during a run (shared host): alternate the two, twice, and give
# the ratio of each pair.
for round in 1 2; do
  run_c "profile read (person-1234) #$round" -H "$auth" "http://127.0.0.1:$agora_port/api/v1/people/person-1234"
  run_c "nginx, same bytes ($(stat -c %s "$work/profile.json") B) #$round" "http://127.0.0.1:$nginx_port/profile.json"
  echo "profile / nginx #$round: $(awk -v a="$(rps "profile read (person-1234) #$round")" \
    -v b="$(rps "nginx, same bytes ($(stat -c %s "$work/profile.json") B) #$round")" 'BEGIN {printf "%.2fx", a / b}')"
done
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/${pids[0]}/status) / 1024 )) MiB"
