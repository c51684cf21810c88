#!/usr/bin/env bash
# Measures the Release server against nginx on this machine, in one run:
#   - GET /api/v1/me with a bearer token (token lookup + JSON + access log + metrics)
#   - GET /healthz
#   - GET /api/v1/openapi.json (the API description, built once at start), against nginx
#     serving the same bytes
#   - nginx serving a static file of exactly the /api/v1/me response size
# with wrk (same threads, connections and duration for each), and prints requests/s, p50 and
# p99, and each result's ratio to nginx. Also reports start-up time to ready and idle RSS.
# Usage: bench/run.sh   (env: DURATION=10 CONNECTIONS=64 THREADS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server

work=$(mktemp -d /tmp/agora-bench-XXXXXX)
chmod 755 "$work"
agora_pid=""
nginx_pid=""
cleanup() {
  [[ -n $agora_pid ]] && kill "$agora_pid" 2>/dev/null || true
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
agora_port=$(free_port)
nginx_port=$(free_port)
while [[ $nginx_port == "$agora_port" ]]; do nginx_port=$(free_port); done

# --- Agora: start, time to ready, idle RSS, an admin and a token ---
start_ns=$(date +%s%N)
AGORA_LOG_LEVEL=info ./build/agora serve --data "$work/data" --listen "127.0.0.1:$agora_port" >"$work/agora.out" 2>"$work/agora.log" &
agora_pid=$!
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.005; done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 1
idle_rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$agora_pid/status")

setup_token=$(grep -o 'setup#token=[A-Za-z0-9_-]*' "$work/agora.out" | cut -d= -f2)
curl -fs -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$setup_token\",\"email\":\"bench@example.com\",\"display_name\":\"Bench Admin\",\"password\":\"bench-password-1\"}" \
  "http://127.0.0.1:$agora_port/api/v1/auth/setup" >"$work/setup.json"
csrf=$(sed -E 's/.*"csrf_token":"([^"]+)".*/\1/' "$work/setup.json")
token=$(curl -fs -b "$work/jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" -d '{"name":"bench"}' \
  "http://127.0.0.1:$agora_port/api/v1/auth/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$agora_port/api/v1/me" >"$work/me.json"
me_bytes=$(stat -c %s "$work/me.json")
curl -fs "http://127.0.0.1:$agora_port/api/v1/openapi.json" >"$work/openapi.json"

# --- nginx: the same bytes as a static file ---
mkdir -p "$work/www" "$work/nginx"
cp "$work/me.json" "$work/www/me.json"
cp "$work/openapi.json" "$work/www/openapi.json"
chmod -R a+rX "$work/www"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log $work/nginx/access.log;
  keepalive_requests 100000;
  client_body_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location = /me.json { default_type application/json; }
    location = /openapi.json { default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!
until curl -fs "http://127.0.0.1:$nginx_port/me.json" >/dev/null 2>&1; do sleep 0.05; done

run_wrk() {  # name url [header]
  local name=$1 url=$2 header=${3:-}
  local out="$work/wrk-$name.txt"
  if [[ -n $header ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$header" "$url" >"$out"
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >"$out"
  fi
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1=="50%" {print $2}' "$out")
  p99=$(awk '$1=="99%" {print $2}' "$out")
  errors=$(grep -E 'Non-2xx|Socket errors' "$out" | tr '\n' ' ' || true)
  printf '%s %s %s %s\n' "$rps" "$p50" "$p99" "$errors"
}

echo "Agora bench: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on $(nproc) cores; response body $me_bytes bytes"
echo "warming up..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -H "Authorization: Bearer $token" "http://127.0.0.1:$agora_port/api/v1/me" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "http://127.0.0.1:$nginx_port/me.json" >/dev/null

read -r n1_rps n1_p50 n1_p99 n1_err < <(run_wrk nginx1 "http://127.0.0.1:$nginx_port/me.json")
read -r me_rps me_p50 me_p99 me_err < <(run_wrk me "http://127.0.0.1:$agora_port/api/v1/me" "Authorization: Bearer $token")
read -r hz_rps hz_p50 hz_p99 hz_err < <(run_wrk healthz "http://127.0.0.1:$agora_port/healthz")
read -r n2_rps n2_p50 n2_p99 n2_err < <(run_wrk nginx2 "http://127.0.0.1:$nginx_port/me.json")
read -r oa_rps oa_p50 oa_p99 oa_err < <(run_wrk openapi "http://127.0.0.1:$agora_port/api/v1/openapi.json")
read -r no_rps no_p50 no_p99 no_err < <(run_wrk nginx-openapi "http://127.0.0.1:$nginx_port/openapi.json")
nginx_rps=$(awk -v a="$n1_rps" -v b="$n2_rps" 'BEGIN {printf "%.0f", (a + b) / 2}')
loaded_rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$agora_pid/status")

ratio() { awk -v a="$1" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}'; }
printf '\n%-34s %12s %10s %10s %8s\n' "target" "requests/s" "p50" "p99" "x nginx"
printf '%-34s %12s %10s %10s %8s\n' "nginx static file (run 1)" "$n1_rps" "$n1_p50" "$n1_p99" "-"
printf '%-34s %12s %10s %10s %8s\n' "nginx static file (run 2)" "$n2_rps" "$n2_p50" "$n2_p99" "-"
printf '%-34s %12s %10s %10s %8s\n' "agora GET /api/v1/me (bearer)" "$me_rps" "$me_p50" "$me_p99" "$(ratio "$me_rps")"
printf '%-34s %12s %10s %10s %8s\n' "agora GET /healthz" "$hz_rps" "$hz_p50" "$hz_p99" "$(ratio "$hz_rps")"
printf '%-34s %12s %10s %10s %8s\n' "nginx openapi.json (same bytes)" "$no_rps" "$no_p50" "$no_p99" "-"
printf '%-34s %12s %10s %10s %8s\n' "agora GET /api/v1/openapi.json" "$oa_rps" "$oa_p50" "$oa_p99" "$(awk -v a="$oa_rps" -v b="$no_rps" 'BEGIN {printf "%.2f", a / b}')"
for e in "$n1_err" "$me_err" "$hz_err" "$n2_err" "$oa_err" "$no_err"; do [[ -z ${e// /} ]] || echo "errors: $e"; done
echo
echo "start-up to ready: ${ready_ms} ms (empty database, migrations included)"
echo "idle RSS: $((idle_rss_kib / 1024)) MiB; RSS after the runs: $((loaded_rss_kib / 1024)) MiB"
