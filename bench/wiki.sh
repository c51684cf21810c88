#!/usr/bin/env bash
# Wiki benchmarks (issue 19): PAGES pages with REVISIONS revisions in SPACES spaces (seeded),
# each read beside nginx serving the same bytes (64 connections, alternated twice): a page by
# its address as a signed-in member reads it (rendered HTML, breadcrumbs, backlink count),
# and the page 10,000 pages link to; "what links here" for that page at 16 connections; then
# saves that merge two concurrent edits of a 100 KB page (server time from the access log).
# Usage: bench/wiki.sh   (env: PEOPLE=30000 SPACES=2000 PAGES=1000000 REVISIONS=10000000
# DURATION=10 MERGES=50; DATA=DIR reuses a directory seeded by an earlier run; MEDIAWIKI_URL and
# MEDIAWIKI_COOKIE measure a MediaWiki page too: bench/mediawiki-setup.sh makes one)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-30000}
SPACES=${SPACES:-2000}
PAGES=${PAGES:-1000000}
REVISIONS=${REVISIONS:-10000000}
DURATION=${DURATION:-10}
MERGES=${MERGES:-50}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server
BIN=${BENCH_BIN:-./build/agora}  # (not AGORA_*: the server refuses settings it does not know)

source bench/lib.sh wiki

data=${DATA:-$work/data}
if [[ -z "${DATA:-}" ]]; then
  echo "== seeding $PEOPLE people, $SPACES wiki spaces, $PAGES pages, $REVISIONS revisions"
  /usr/bin/time -f "seed: %e s wall, %M KiB max RSS" "$BIN" seed --people "$PEOPLE" --wiki-spaces "$SPACES" \
    --wiki-pages "$PAGES" --wiki-revisions "$REVISIONS" --data "$data" 2>&1 | grep -v '"msg"'
  /usr/bin/time -f "reindex: %e s wall, %M KiB max RSS" "$BIN" reindex --data "$data" 2>&1 | grep -v '"msg"' | tail -2
fi
echo "database: $(du -sh "$data" | cut -f1)"
echo reader-password-1 | "$BIN" admin set-password --data "$data" --email person5@seed.example --password-stdin >/dev/null

serve() {  # access log on or off
  agora_port=$(port)
  AGORA_HTTP_ACCESS_LOG=$1 AGORA_LOG_LEVEL=info AGORA_HTTP_WRITES_PER_MINUTE=0 "$BIN" serve --data "$data" \
    --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
  agora_pid=$!
  pids+=($agora_pid)
  wait_ready $agora_pid
}

# Merges first, with the access log on: its duration_ms is the server's time for each save.
serve true
reader=$(token_for person5@seed.example reader-password-1)
echo "== $MERGES saves merging two concurrent edits of a 100 KB page"
python3 - "http://127.0.0.1:$agora_port" "$reader" "$MERGES" >"$work/merges.txt" <<'PY'
import json, sys, time, urllib.request
base, token, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'})
    return json.load(urllib.request.urlopen(req))
lines = [f'Paragraph {i}: how we deploy the service to production and roll back when alerts fire, step {i}.' for i in range(1100)]
text = '\n\n'.join(lines)
page = call('POST', '/api/v1/wiki/spaces/seed-wiki-1/pages', {'title': f'A hundred kilobytes {int(time.time())}', 'body': text})
print('page bytes', len(text.encode()), file=sys.stderr)
client = []
for r in range(rounds):
    cur = call('GET', f"/api/v1/wiki/pages/{page['id']}")
    base_rev, body = cur['revision'], cur['body'].split('\n\n')
    mine, theirs = list(body), list(body)
    theirs[10] = f'{theirs[10]} (edited at the top, round {r})'
    mine[1000] = f'{mine[1000]} (edited at the bottom, round {r})'
    call('POST', f"/api/v1/wiki/pages/{page['id']}/revisions", {'body': '\n\n'.join(theirs), 'base_revision': base_rev})
    t = time.perf_counter()
    saved = call('POST', f"/api/v1/wiki/pages/{page['id']}/revisions", {'body': '\n\n'.join(mine), 'base_revision': base_rev})
    client.append((time.perf_counter() - t) * 1000)
    assert saved['merged'], 'the second save merged'
    assert f'(edited at the top, round {r})' in saved['page']['body'] and f'(edited at the bottom, round {r})' in saved['page']['body']
client.sort()
print(f'client round trip of a merging save: p50 {client[len(client)//2]:.2f} ms, p99 {client[int(len(client)*0.99)]:.2f} ms')
PY
cat "$work/merges.txt"
# Every other save of the page merged (the second of each round).
python3 - "$work/log" <<'PY'
import json, sys
saves = []
for line in open(sys.argv[1]):
    try: e = json.loads(line)
    except ValueError: continue
    if e.get('method') == 'POST' and str(e.get('path', '')).endswith('/revisions') and 'duration_ms' in e:
        saves.append(e['duration_ms'])
merges = sorted(saves[1::2])
plain = sorted(saves[0::2])
q = lambda v, p: v[min(len(v) - 1, int(len(v) * p))]
print(f'server time of a merging save of 100 KB: p50 {q(merges, .5):.2f} ms, p99 {q(merges, .99):.2f} ms, max {merges[-1]:.2f} ms ({len(merges)} saves)')
print(f'server time of a plain save of 100 KB:   p50 {q(plain, .5):.2f} ms, p99 {q(plain, .99):.2f} ms')
PY
kill "$agora_pid"; wait "$agora_pid" 2>/dev/null || true

serve false
reader=$(token_for person5@seed.example reader-password-1)
api() { curl -fs -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port$1"; }
api "/api/v1/wiki/spaces/seed-wiki-1/pages/getting-started" >"$work/hub.json"
hub=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["id"], d["backlink_count"])' "$work/hub.json")
hub_id=${hub% *}
echo "hub page $hub_id: ${hub#* } pages link to it"
# A typical page: one with a parent (breadcrumbs) in a mid-sized space.
slug=$(api "/api/v1/wiki/pages/$hub_id/backlinks?limit=100" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][-1]["slug"])')
api "/api/v1/wiki/spaces/seed-wiki-1/pages/$slug" >"$work/page.json"
api "/api/v1/wiki/pages/$hub_id/backlinks?limit=50" >"$work/backlinks.json"
echo "sizes: page $(stat -c %s "$work/page.json") B, hub $(stat -c %s "$work/hub.json") B, backlinks $(stat -c %s "$work/backlinks.json") B"

echo "== wrk -t2 -d${DURATION}s, access log off on both"
compare() {  # name, file, url, wrk args...
  local name=$1 file=$2 url=$3
  shift 3
  start_nginx "$file" "$(basename "$file")"
  for round in 1 2; do
    run "$name-$round" 64 "$@" "$url"
    run "nginx-$name-$round" 64 "http://127.0.0.1:$nginx_port/$(basename "$file")"
    echo "$name / nginx #$round: $(awk -v a="$(rps "$name-$round")" -v b="$(rps "nginx-$name-$round")" 'BEGIN {printf "%.2fx", a / b}')"
  done
}
compare page "$work/page.json" "http://127.0.0.1:$agora_port/api/v1/wiki/spaces/seed-wiki-1/pages/$slug" -H "Authorization: Bearer $reader"
compare hub-page "$work/hub.json" "http://127.0.0.1:$agora_port/api/v1/wiki/spaces/seed-wiki-1/pages/getting-started" -H "Authorization: Bearer $reader"
run "what links here (10k), 16 conns" 16 -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/wiki/pages/$hub_id/backlinks?limit=50"
run "recent changes, 16 conns" 16 -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/wiki/spaces/seed-wiki-1/pages?order=recent&limit=30"
echo "server RSS: $(ps -o rss= -p "$agora_pid" | awk '{printf "%.0f MiB", $1 / 1024}')"
# MediaWiki, the anchor people know (MEDIAWIKI_URL and MEDIAWIKI_COOKIE, a signed-in person's
# session: bench/mediawiki-setup.sh), in the same run: its page view beside nginx serving its
# bytes, and beside Agora's page read. Last, since Apache goes on working off what wrk gave up.
if [[ -n "${MEDIAWIKI_URL:-}" ]]; then
  curl -fs -H "Cookie: $MEDIAWIKI_COOKIE" "$MEDIAWIKI_URL" >"$work/mediawiki.html"
  grep -q '"wgUserName":"Ana"' "$work/mediawiki.html" || { echo "MediaWiki's page is not signed in" >&2; exit 1; }
  echo "MediaWiki's page (signed in): $(stat -c %s "$work/mediawiki.html") B"
  compare mediawiki "$work/mediawiki.html" "$MEDIAWIKI_URL" --timeout 30s -H "Cookie: $MEDIAWIKI_COOKIE"
  run "mediawiki, one at a time" 1 --timeout 30s -H "Cookie: $MEDIAWIKI_COOKIE" "$MEDIAWIKI_URL"
  for round in 1 2; do
    echo "Agora's page read / MediaWiki's page #$round: $(awk -v a="$(rps "page-$round")" -v b="$(rps "mediawiki-$round")" 'BEGIN {printf "%.1fx", a / b}')"
  done
fi
