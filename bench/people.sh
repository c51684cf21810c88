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
curl -fs -c "$work/jar" -H 'Content-Type: application/json' -d '{"email":"bench@example.com","password":"secret-bench-pw"}' \
  "http://127.0.0.1:$agora_port/api/v1/auth/login" >"$work/login.json"
csrf=$(sed -E 's/.*"csrf_token":"([^"]+)".*/\1/' "$work/login.json")
token=$(curl -fs -b "$work/jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" -d '{"name":"bench"}' \
  "http://127.0.0.1:$agora_port/api/v1/auth/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
auth="Authorization: Bearer $token"
curl -fs -H "$auth" "http://127.0.0.1:$agora_port/api/v1/people/person-1234" >"$work/profile.json"

nginx_port=$(port)
mkdir -p "$work/www" "$work/nginx"
cp "$work/profile.json" "$work/www/profile.json"
chmod -R a+rX "$work/www"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto; daemon off; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $work/nginx/tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/www; location = /profile.json { default_type application/json; } } }
CONF
nginx -c "$work/nginx/nginx.conf" &
pids+=($!)
until curl -fs "http://127.0.0.1:$nginx_port/profile.json" >/dev/null 2>&1; do sleep 0.05; done

run() {  # name, wrk args...
  local name=$1
  shift
  local out="$work/wrk-$name.txt"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$out"
  printf '%-40s %10s req/s  p50 %8s  p99 %8s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' "$out")" \
    "$(awk '$1=="50%" {print $2}' "$out")" "$(awk '$1=="99%" {print $2}' "$out")"
  grep -E 'Non-2xx|Socket errors' "$out" || true
}
echo "== wrk -t2 -c$CONNECTIONS -d${DURATION}s, $PEOPLE people, access log off on both"
run "directory suggestions (q=prefix)" -s bench/suggest.lua -H "$auth" "http://127.0.0.1:$agora_port/"
run "expertise lookup (ranked)" -s bench/experts.lua -H "$auth" "http://127.0.0.1:$agora_port/"
# The machine's speed drifts during a run (shared host): alternate the two, twice, and give
# the ratio of each pair.
rps() { awk '/Requests\/sec/ {print $2}' "$work/wrk-$1.txt"; }
for round in 1 2; do
  run "profile read (person-1234) #$round" -H "$auth" "http://127.0.0.1:$agora_port/api/v1/people/person-1234"
  run "nginx, same bytes ($(stat -c %s "$work/profile.json") B) #$round" "http://127.0.0.1:$nginx_port/profile.json"
  echo "profile / nginx #$round: $(awk -v a="$(rps "profile read (person-1234) #$round")" \
    -v b="$(rps "nginx, same bytes ($(stat -c %s "$work/profile.json") B) #$round")" 'BEGIN {printf "%.2fx", a / b}')"
done
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/${pids[0]}/status) / 1024 )) MiB"
