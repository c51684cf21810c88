#!/usr/bin/env bash
# Live delivery: READERS followers of one person hold streams open while that person posts
# POSTS times (one a second); reports how long each post took to reach each WebSocket.
# Usage: bench/stream.sh   (env: PEOPLE=50000 READERS=10000 POSTS=20 CLIENT=cpp|node)
# The readers' client is bench/stream_client.cpp (one Beast thread) unless CLIENT=node
# (bench/stream.mjs, two Node processes, which spend far more CPU per message and share the
# server's cores).
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-50000}
READERS=${READERS:-10000}
POSTS=${POSTS:-20}
CLIENT=${CLIENT:-cpp}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server
[[ "$CLIENT" == node ]] || ninja -C build agora_stream_bench >/dev/null
# Each side holds READERS sockets: raise the descriptor limit as far as allowed.
ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < READERS + 200 )); then echo "open files limit $(ulimit -n) is too low for $READERS streams" >&2; exit 1; fi

source bench/lib.sh stream

echo "== seeding $PEOPLE people"
./build/agora seed --people "$PEOPLE" --data "$work/data" 2>&1 | grep -v '"msg"' | tail -1
# Access tokens for the author (person-0, followed by many) and READERS of their followers,
# written straight into the database: tokens are stored as their SHA-256.
python3 - "$work/data/agora.db" "$READERS" "$work" <<'PY'
import hashlib, sqlite3, sys, time
db, readers, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
c = sqlite3.connect(db)
author = c.execute("SELECT id FROM users WHERE handle = 'person-0'").fetchone()[0]
followers = [r[0] for r in c.execute("SELECT follower_id FROM followers WHERE followee_id = ? LIMIT ?", (author, readers))]
now = int(time.time() * 1000)
base = (now - 1577836800000) << 22
rows, lines = [], []
for i, person in enumerate([author] + followers):
    token = f"agp_bench{i:08d}streamstreamstreamstreamstream"
    rows.append((base + i, person, "bench", hashlib.sha256(token.encode()).digest(), now))
    lines.append(token)
c.executemany("INSERT INTO access_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)", rows)
c.commit()
open(f"{work}/author.token", "w").write(lines[0])
open(f"{work}/readers.tokens", "w").write("\n".join(lines[1:]) + "\n")
print(f"person-0 has {c.execute('SELECT count(*) FROM followers WHERE followee_id = ?', (author,)).fetchone()[0]} followers; {len(followers)} will listen")
PY
agora_port=$(port)
# READERS streams from one address (loopback): no cap on connections per address.
AGORA_HTTP_MAX_CONNECTIONS_PER_IP=0 AGORA_HTTP_ACCESS_LOG=false AGORA_LOG_LEVEL=warn ./build/agora serve --data "$work/data" --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
pids+=($!)
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
if [[ "$CLIENT" == node ]]; then
  node bench/stream.mjs "http://127.0.0.1:$agora_port" "$work/readers.tokens" "$(cat "$work/author.token")" "$POSTS"
else
  ./build/agora_stream_bench 127.0.0.1 "$agora_port" "$work/readers.tokens" "$(cat "$work/author.token")" "$POSTS"
fi
curl -fs "http://127.0.0.1:$agora_port/metrics" | grep -E '^agora_live_post_fanout_seconds_(sum|count)' |
  awk '{v[$1] = $2} END {printf "server: a new post reached every reader queue in %.1f ms on average\n", 1000 * v["agora_live_post_fanout_seconds_sum"] / v["agora_live_post_fanout_seconds_count"]}'
curl -fs "http://127.0.0.1:$agora_port/metrics" | awk '/^agora_stream_frame_wait_seconds_bucket/ {
    match($0, /le="[^"]+"/); le = substr($0, RSTART + 4, RLENGTH - 5); n[le] = $2 }
  /^agora_stream_frame_wait_seconds_count/ {total = $2}
  END { if (total) printf "server: frames written within 10 ms %.1f%%, 25 ms %.1f%%, 50 ms %.1f%%, 100 ms %.1f%%, 250 ms %.1f%% of %d\n",
    100 * n["0.01"] / total, 100 * n["0.025"] / total, 100 * n["0.05"] / total, 100 * n["0.1"] / total, 100 * n["0.25"] / total, total }'
echo "server RSS with the streams open: $(( $(awk '/VmRSS/ {print $2}' /proc/${pids[0]}/status) / 1024 )) MiB"
