# Shared by the bench scripts (source it): a work directory under /tmp removed at exit,
# `pids` of background processes killed at exit, and `port` for a free local port.
# Usage: source bench/lib.sh NAME
work=$(mktemp -d "/tmp/agora-bench-$1-XXXXXX")
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A personal access token for a seeded person: signs in with e-mail and password on the
# server at $agora_port and creates a token.
token_for() {  # e-mail, password
  curl -fs -c "$work/jar" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" \
    "http://127.0.0.1:$agora_port/api/v1/auth/login" >"$work/login.json"
  local csrf
  csrf=$(sed -E 's/.*"csrf_token":"([^"]+)".*/\1/' "$work/login.json")
  curl -fs -b "$work/jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" -d '{"name":"bench"}' \
    "http://127.0.0.1:$agora_port/api/v1/auth/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}

# nginx serving FILE (a response saved from Agora) at http://127.0.0.1:$nginx_port/NAME,
# for a same-bytes comparison; killed at exit.
start_nginx() {  # file, name
  nginx_port=$(port)
  mkdir -p "$work/www" "$work/nginx"
  cp "$1" "$work/www/$2"
  chmod -R a+rX "$work/www"
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto; daemon off; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $work/nginx/tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/www; location = /$2 { default_type application/json; } } }
CONF
  nginx -c "$work/nginx/nginx.conf" &
  pids+=($!)
  until curl -fs "http://127.0.0.1:$nginx_port/$2" >/dev/null 2>&1; do sleep 0.05; done
}

# One wrk run of DURATION seconds, summarized on one line; its output stays in
# $work/wrk-NAME.txt (rps NAME reads its requests per second).
run() {  # name, connections, wrk args...
  local name=$1 conns=$2
  shift 2
  wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${DURATION}s" --latency "$@" >"$work/wrk-$name.txt"
  printf '%-34s %10s req/s  p50 %8s  p99 %8s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$name.txt")" \
    "$(awk '$1=="50%" {print $2}' "$work/wrk-$name.txt")" "$(awk '$1=="99%" {print $2}' "$work/wrk-$name.txt")"
  grep -E 'Non-2xx|Socket errors' "$work/wrk-$name.txt" || true
}
rps() { awk '/Requests\/sec/ {print $2}' "$work/wrk-$1.txt"; }

wait_ready() {  # pid: until the server answers /readyz; fails (with its log) if it stopped first
  until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do
    if ! kill -0 "$1" 2>/dev/null; then echo "the server stopped before it was ready:" >&2; tail -3 "$work/log" >&2; exit 1; fi
    sleep 0.05
  done
}
