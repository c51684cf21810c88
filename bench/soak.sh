#!/usr/bin/env bash
# Soak: a mixed load (feeds, profiles, posts, comments, notifications; posting, commenting,
# reactions, follows, photo uploads; live streams with a post a second) held at about
# LOAD (80) percent of the measured capacity for MINUTES (30), on a seeded organization.
# Every minute: requests/s, p50 and p99 latency, answers by status, the server's RSS and the
# database's size. At the end: live delivery latency over the whole run.
# Usage: bench/soak.sh   (env: MINUTES=30 LOAD=80 [RATE=N] PEOPLE=5000 POSTS=100000 TOKENS=500
#                          STREAMS=1000 PACED=256)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${MINUTES:-30}
LOAD=${LOAD:-80}
PEOPLE=${PEOPLE:-5000}
POSTS=${POSTS:-100000}
TOKENS=${TOKENS:-500}
STREAMS=${STREAMS:-1000}
PACED=${PACED:-256}   # connections: many clients, each waiting between its requests
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server
ninja -C build agora_stream_bench >/dev/null
ulimit -n "$(ulimit -Hn)"

source bench/lib.sh soak
export SOAK_DIR=$work

echo "== seeding $PEOPLE people and $POSTS posts"
./build/agora seed --people "$PEOPLE" --posts "$POSTS" --data "$work/data" 2>&1 | grep -v '"msg"' | tail -2
# Bearer tokens written straight into the database (stored as their SHA-256): TOKENS people
# for the mixed load, and person-0 (the author) with STREAMS of their followers for streams.
python3 - "$work/data/agora.db" "$TOKENS" "$STREAMS" "$work" <<'PY'
import hashlib, sqlite3, sys, time, zlib, struct
db, tokens, streams, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
c = sqlite3.connect(db)
now = int(time.time() * 1000)
base = (now - 1577836800000) << 22
author = c.execute("SELECT id FROM users WHERE handle = 'person-0'").fetchone()[0]
# The load's people never include the author, whose posts the streams time.
people = [r[0] for r in c.execute("SELECT id FROM users WHERE id != ? ORDER BY id LIMIT ?", (author, tokens))]
# Readers are none of the load's people (whose random unfollows would stop their streams).
load = set(people)
followers = [r[0] for r in c.execute("SELECT follower_id FROM followers WHERE followee_id = ?", (author,)) if r[0] not in load][:streams]
rows, n = [], 0
def token(person, kind):
    global n
    n += 1
    t = f"agp_soak{kind}{n:08d}" + "x" * 30
    rows.append((base + n, person, "soak", hashlib.sha256(t.encode()).digest(), now))
    return t
open(f"{work}/tokens", "w").write("\n".join(token(p, "load") for p in people) + "\n")
open(f"{work}/author.token", "w").write(token(author, "author"))
open(f"{work}/readers.tokens", "w").write("\n".join(token(p, "read") for p in followers) + "\n")
c.executemany("INSERT INTO access_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)", rows)
c.commit()
open(f"{work}/people", "w").write("\n".join(str(r[0]) for r in c.execute("SELECT id FROM users ORDER BY random() LIMIT 2000")) + "\n")
open(f"{work}/posts", "w").write("\n".join(str(r[0]) for r in c.execute(
    "SELECT id FROM content WHERE kind = 'post' AND audience = 'organization' ORDER BY random() LIMIT 2000")) + "\n")
# A 256x256 photo (PNG): decoding and re-encoding it is a real image job.
w = h = 256
raw = b"".join(b"\0" + bytes((x * 3 + y) & 0xFF for x in range(w * 3)) for y in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(f"{work}/photo.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                                      + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
print(f"{len(people)} people with tokens for the load; person-0 and {len(followers)} followers for streams")
PY

agora_port=$(port)
# Every client here shares one address (loopback): no cap on connections per address.
AGORA_HTTP_MAX_CONNECTIONS_PER_IP=0 ./build/agora serve --data "$work/data" --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
server=$!
pids+=($server)
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
for _ in $(seq 1 3000); do grep -q '"post index built"' "$work/log" && break; sleep 0.1; done
url="http://127.0.0.1:$agora_port/"
rss() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$server/status") / 1024 )); }

wrk_run() {  # seconds, delay ms, output file, connections
  DELAY=$2 wrk -t2 -c"${4:-$PACED}" -d"$1s" --latency -s bench/soak.lua "$url" >"$3" 2>&1
}
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }

echo "== live streams: $STREAMS followers of person-0, who posts once a second throughout"
./build/agora_stream_bench 127.0.0.1 "$agora_port" "$work/readers.tokens" "$(cat "$work/author.token")" \
  "$((MINUTES * 60 + 150))" >"$work/streams.txt" 2>&1 &
streams=$!
sleep 5

# Capacity is measured with the streams open: fanning posts out to them is part of the load.
# (RATE=N holds N requests/s instead: for example 80% of the rate an earlier soak sustained at
# saturation, which a growing database makes lower than the first minute's.)
if [[ -n "${RATE:-}" ]]; then
  target=$RATE
  echo "holding $target req/s (RATE)"
else
  echo "== capacity: 60 s at full speed ($PACED connections, no pause between requests)"
  wrk_run 60 0 "$work/capacity.txt"
  capacity=$(rate "$work/capacity.txt")
  target=$(awk -v c="$capacity" -v l="$LOAD" 'BEGIN {printf "%.0f", c * l / 100}')
  echo "capacity $capacity req/s; holding $target req/s (${LOAD}%)"
fi
# Each of PACED connections waits DELAY ms (whole milliseconds: hence many connections)
# before each request: start from the rate alone, then correct by what was reached.
delay=$(awk -v c="$PACED" -v t="$target" 'BEGIN {printf "%.0f", 1000 * c / t}')
# The time between a connection's requests is its delay plus the answer's latency; correct the
# delay by the difference between that time and the one the target needs.
for _ in 1 2 3 4; do
  wrk_run 10 "$delay" "$work/calibrate.txt"
  delay=$(awk -v d="$delay" -v got="$(rate "$work/calibrate.txt")" -v t="$target" -v c="$PACED" \
    'BEGIN {x = d + 1000 * c / t - 1000 * c / got; printf "%.0f", x < 1 ? 1 : x}')
done
echo "pacing: ${delay} ms between requests per connection (reached $(rate "$work/calibrate.txt") req/s in the last try)"

echo "== soak: $MINUTES minutes"
printf '%6s %10s %9s %9s %8s %9s  %s\n' minute req/s p50 p99 "RSS MiB" "db MiB" answers
curl -fs "http://127.0.0.1:$agora_port/metrics" >"$work/metrics-0"
for minute in $(seq 1 "$MINUTES"); do
  wrk_run 60 "$delay" "$work/minute.txt"
  curl -fs "http://127.0.0.1:$agora_port/metrics" >"$work/metrics-$minute"
  grep -h "Socket errors" "$work/minute.txt" | sed "s/^ */  minute $minute: /" >>"$work/socket-errors.txt" || true
  printf '%6d %10s %9s %9s %8s %9s  %s\n' "$minute" "$(rate "$work/minute.txt")" \
    "$(awk '$1=="50%" {print $2}' "$work/minute.txt")" "$(awk '$1=="99%" {print $2}' "$work/minute.txt")" \
    "$(rss)" "$(( $(du -sm "$work/data" | cut -f1) ))" "$(grep -o 'statuses: .*' "$work/minute.txt" | cut -c11-)"
  # Held at the target as the database grows: next minute's pause from this minute's rate.
  delay=$(awk -v d="$delay" -v got="$(rate "$work/minute.txt")" -v t="$target" -v c="$PACED" \
    'BEGIN {x = d + 1000 * c / t - 1000 * c / got; printf "%.0f", x < 1 ? 1 : x}')
done
[[ -s "$work/socket-errors.txt" ]] && { echo "wrk's socket errors:"; cat "$work/socket-errors.txt"; }
wait "$streams" || true
echo "== live streams over the whole soak"
cat "$work/streams.txt"
echo "server log lines at warn or above: $(grep -cE '"level":"(warn|error)"' "$work/log" || true)"
grep -E '"level":"(warn|error)"' "$work/log" | head -5 || true
echo "answers of 5xx by route (access log):"
grep -oE '"method":"[A-Z]+","path":"[^"]*","status":5[0-9][0-9]' "$work/log" | sed -E 's/[0-9]{12,}/{id}/g' | sort | uniq -c | sort -rn | head -10 || true
# Mean time to answer per route (server side) in the first and the last minute: what a
# growing database slows down.
route_means() {  # metrics before, metrics after
  awk 'FNR == 1 { f++ }
    /^agora_http_request_duration_seconds_(sum|count)/ {
      match($0, /route="[^"]*"/); r = substr($0, RSTART + 7, RLENGTH - 8); k = ($1 ~ /_sum/) ? "s" : "n"
      v[f, k, r] += $NF; routes[r] = 1 }
    END { for (r in routes) { n = v[2, "n", r] - v[1, "n", r]; if (n > 0) printf "%s %.3f %d\n", r, 1000 * (v[2, "s", r] - v[1, "s", r]) / n, n } }' "$1" "$2"
}
echo "mean time to answer by route (server side), first minute -> last minute:"
join <(route_means "$work/metrics-0" "$work/metrics-1" | sort) <(route_means "$work/metrics-$((MINUTES - 1))" "$work/metrics-$MINUTES" | sort) |
  sort -k4 -rn | awk '{printf "  %8.2f ms -> %8.2f ms  (%d answers in the last minute)  %s\n", $2, $4, $5, $1}' | head -12
