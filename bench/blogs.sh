#!/usr/bin/env bash
# Blog benchmarks (issue 18): BLOGS blogs with ENTRIES entries (seeded), each read beside nginx
# serving the same bytes (64 connections, alternated twice): an entry through the API by a
# signed-in member; a public entry's page (no credential); a public blog's Atom feed of 50
# entries; and the directory's first page (30 blogs), its latency at 16 connections.
# Usage: bench/blogs.sh   (env: PEOPLE=30000 BLOGS=17000 ENTRIES=1000000 DURATION=10;
# DATA=DIR reuses a directory seeded, and indexed, by an earlier run; WORDPRESS_URL=URL of a
# WordPress post measures it too: bench/wordpress-setup.sh makes one)
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-30000}
BLOGS=${BLOGS:-17000}
ENTRIES=${ENTRIES:-1000000}
DURATION=${DURATION:-10}
scripts/install-deps.sh --bench
[[ -x build/agora ]] || make server

source bench/lib.sh blogs

data=${DATA:-$work/data}
if [[ -z "${DATA:-}" ]]; then
  echo "== seeding $PEOPLE people, $BLOGS blogs with $ENTRIES entries"
  /usr/bin/time -f "seed: %e s wall, %M KiB max RSS" ./build/agora seed --people "$PEOPLE" --blogs "$BLOGS" \
    --blog-entries "$ENTRIES" --data "$data" 2>&1 | grep -v '"msg"'
  # The search index is built before serving, so that indexing does not run beside the measures.
  /usr/bin/time -f "reindex: %e s wall, %M KiB max RSS" ./build/agora reindex --data "$data" 2>&1 | grep -v '"msg"' | tail -2
fi
echo "database: $(du -sh "$data" | cut -f1)"
echo reader-password-1 | ./build/agora admin set-password --data "$data" --email person5@seed.example --password-stdin >/dev/null

agora_port=$(port)
AGORA_HTTP_ACCESS_LOG=false AGORA_HTTP_WRITES_PER_MINUTE=0 ./build/agora serve --data "$data" --listen "127.0.0.1:$agora_port" >"$work/out" 2>"$work/log" &
agora_pid=$!
pids+=($agora_pid)
until curl -fs "http://127.0.0.1:$agora_port/readyz" >/dev/null 2>&1; do sleep 0.05; done
reader=$(token_for person5@seed.example reader-password-1)
api() { curl -fs -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port$1"; }

# A public blog with a full feed (the first in the directory with 50 entries or more, else
# the fullest), and its newest entry.
open=$(python3 - "http://127.0.0.1:$agora_port" "$reader" <<'PY'
import json, sys, urllib.parse, urllib.request
base, token = sys.argv[1], sys.argv[2]
cursor, seen = '', []
for _ in range(200):
    url = base + '/api/v1/blogs?sort=recommended&limit=100' + ('&cursor=' + urllib.parse.quote(cursor) if cursor else '')
    page = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={'Authorization': 'Bearer ' + token})))
    seen += [b for b in page['items'] if b['audience'] == 'public']
    full = [b for b in seen if b['entry_count'] >= 50]
    if full or not page['next_cursor']:
        break
    cursor = page['next_cursor']
print((full or sorted(seen, key=lambda b: -b['entry_count']))[0]['handle'])
PY
)
api "/api/v1/blogs/$open/entries?limit=1" >"$work/open.json"
entry=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["id"])' "$work/open.json")
public_path=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["public_path"])' "$work/open.json")
echo "blog $open, entry $entry, public page $public_path"

api "/api/v1/blog-entries/$entry" >"$work/entry.json"
# The busiest blog (50 entries in its feed), read through the reader's feed token.
busiest=$(api "/api/v1/blogs?sort=updated&limit=1" | sed -E 's/^\{"items":\[\{"id":"[0-9]+","handle":"([^"]+)".*/\1/')
feed_token=$(curl -fs -X POST -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/me/feed-token" | sed -E 's/.*"token":"([^"]+)".*/\1/')
curl -fs "http://127.0.0.1:$agora_port/feeds/$feed_token/blogs/$busiest" >"$work/personal.atom"
curl -fs "http://127.0.0.1:$agora_port$public_path" >"$work/page.html"
curl -fs "http://127.0.0.1:$agora_port/feeds/blogs/$open" >"$work/feed.atom"
echo "personal feed of $busiest: $(stat -c %s "$work/personal.atom") B ($(grep -c '<entry>' "$work/personal.atom") entries)"
echo "sizes: entry $(stat -c %s "$work/entry.json") B, page $(stat -c %s "$work/page.html") B, feed $(stat -c %s "$work/feed.atom") B ($(grep -c '<entry>' "$work/feed.atom") entries)"

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
compare entry-api "$work/entry.json" "http://127.0.0.1:$agora_port/api/v1/blog-entries/$entry" -H "Authorization: Bearer $reader"
compare public-page "$work/page.html" "http://127.0.0.1:$agora_port$public_path"
compare atom-feed "$work/feed.atom" "http://127.0.0.1:$agora_port/feeds/blogs/$open"
compare personal-feed "$work/personal.atom" "http://127.0.0.1:$agora_port/feeds/$feed_token/blogs/$busiest"
# WordPress, the anchor people know (WORDPRESS_URL: a post's page, bench/wordpress-setup.sh),
# in the same run: beside nginx serving its bytes, and beside Agora's public page.
if [[ -n "${WORDPRESS_URL:-}" ]]; then
  curl -fs "$WORDPRESS_URL" >"$work/wordpress.html"
  echo "WordPress's page: $(stat -c %s "$work/wordpress.html") B"
  compare wordpress "$work/wordpress.html" "$WORDPRESS_URL"
  for round in 1 2; do
    echo "Agora's public page / WordPress's page #$round: $(awk -v a="$(rps "public-page-$round")" -v b="$(rps "wordpress-$round")" 'BEGIN {printf "%.1fx", a / b}')"
  done
fi
for sort in updated recommended followers; do
  run "directory ($sort), 16 conns" 16 -H "Authorization: Bearer $reader" "http://127.0.0.1:$agora_port/api/v1/blogs?limit=30&sort=$sort"
done
echo "server RSS: $(ps -o rss= -p "$agora_pid" | awk '{printf "%.0f MiB", $1 / 1024}')"
