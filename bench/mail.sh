#!/usr/bin/env bash
# Mail throughput: 100,000 people each get a daily digest (one waiting notification each, plus
# the most active posts of the people they follow). Measures how long queueing them takes, the
# worker's send rate to a loopback SMTP server (bench/smtp_sink.mjs), and the home feed's p99
# while the outbox drains beside the same feed without mail.
# Usage: bench/mail.sh   (env: PEOPLE=100000 POSTS=200000 DURATION=20; DATA=DIR reuses a data
# directory seeded by an earlier run of this script)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-100000}
POSTS=${POSTS:-200000}
DURATION=${DURATION:-20}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server
scripts/npm-install.sh

source bench/lib.sh mail

data=${DATA:-$work/data}
if [[ -z "${DATA:-}" ]]; then
  echo "== seeding $PEOPLE people and $POSTS posts"
  ./build/agora seed --people "$PEOPLE" --posts "$POSTS" --data "$data" 2>&1 | grep -v '"msg"' | tail -1
fi
echo reader-password-1 | ./build/agora admin set-password --data "$data" --email person1234@seed.example --password-stdin >/dev/null
# Seeded people have no password; mail goes only to activated accounts: mark them so.
python3 - "$data/agora.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE users SET password_hash = 'bench' WHERE password_hash IS NULL")
db.execute("DELETE FROM notifications WHERE digest IS NOT NULL")
db.execute("DELETE FROM digest_state")
db.execute("DELETE FROM mail_outbox")
db.commit()
PY

sink_port_file="$work/sink-port"
node bench/smtp_sink.mjs "$work/sink" >"$sink_port_file" &
pids+=($!)
until [[ -s "$sink_port_file" ]]; do sleep 0.05; done
sink_port=$(cat "$sink_port_file")

agora_port=$(port)
AGORA_HTTP_ACCESS_LOG=false AGORA_HTTP_WRITES_PER_MINUTE=0 AGORA_MAIL_SMTP_URL="smtp://127.0.0.1:$sink_port" \
  AGORA_MAIL_DIGEST_CHECK_SECONDS=2 AGORA_MAIL_POLL_SECONDS=1 \
  ./build/agora serve --data "$data" --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
pids+=($!)
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
for _ in $(seq 1 3000); do grep -q '"post index built"' "$work/log" && break; sleep 0.1; done
reader=$(token_for person1234@seed.example reader-password-1)

echo "== home feed without mail (wrk -t2 -c16 -d${DURATION}s)"
run "home-feed-quiet" 16 -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/feed"

echo "== one waiting notification for each of $PEOPLE people (written beside the running server)"
python3 - "$data/agora.db" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
now = int(time.time() * 1000)
actor = db.execute("SELECT min(id) FROM users").fetchone()[0]
db.execute("""INSERT INTO notifications (id, recipient_id, kind, actor_id, created_at, updated_at, digest)
              SELECT 9000000000000000000 - id, id, 'follow', ?, ?, ?, 'daily' FROM users WHERE id != ?""", (actor, now, now, actor))
db.commit()
PY
started=$(date +%s.%N)
for _ in $(seq 1 600); do grep -q '"digests queued"' "$work/log" && break; sleep 0.1; done
grep -o '"digests queued".*' "$work/log" | head -1

echo "== home feed while the outbox drains"
run "home-feed-draining" 16 -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/feed"
read -r sent first last <"$work/sink"
echo "sent during the feed run: $sent"
total=$(( PEOPLE - 1 ))
for _ in $(seq 1 3600); do
  read -r sent first last <"$work/sink"
  (( sent >= total )) && break
  sleep 1
done
read -r sent first last <"$work/sink"
awk -v n="$sent" -v a="$first" -v b="$last" 'BEGIN {printf "mail sent: %d in %.1f s: %.0f mails/s (first to last, the feed run included)\n", n, (b - a) / 1000, n * 1000 / (b - a)}'
echo "p99 home feed: quiet $(awk '$1=="99%" {print $2}' "$work/wrk-home-feed-quiet.txt"), while draining $(awk '$1=="99%" {print $2}' "$work/wrk-home-feed-draining.txt")"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/${pids[1]}/status) / 1024 )) MiB"
