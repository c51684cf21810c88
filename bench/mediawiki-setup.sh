#!/usr/bin/env bash
# MediaWiki beside Agora, for bench/wiki.sh's anchor (issue 19): Debian 12's mediawiki with
# SQLite and APCu (the object and parser cache its installer picks when APCu is there), under
# Apache with mod_php at http://127.0.0.1:8090/. Two pages like a seeded one: "Getting started"
# and a page of four paragraphs of about 930 B of text linking to it, as the seeded spaces
# have. It changes this machine (packages, Apache's ports and sites, /etc/mediawiki), so run
# it on a machine kept for benchmarks. It prints the page's address and a signed-in cookie:
#   read -r MEDIAWIKI_URL MEDIAWIKI_COOKIE < <(bench/mediawiki-setup.sh | tail -1)
#   export MEDIAWIKI_URL MEDIAWIKI_COOKIE; DATA=... bench/wiki.sh
set -euo pipefail
source "$(dirname "$0")/apache.sh"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q mediawiki apache2 libapache2-mod-php php-sqlite3 php-apcu >/dev/null
mw=/var/lib/mediawiki
db=/var/lib/mediawiki-bench
password=Bench-pass-12345
if [[ ! -f /etc/mediawiki/LocalSettings.php ]]; then
  mkdir -p "$db" && chown www-data:www-data "$db"
  conf=$(mktemp -d) && chown www-data "$conf"
  (cd "$mw" && runuser -u www-data -- php maintenance/install.php --dbtype=sqlite --dbpath="$db" --dbname=wiki \
    --server=http://127.0.0.1:8090 --scriptpath="" --confpath="$conf" --lang=en --pass="$password" "Agora bench" Ana >/dev/null)
  # Short addresses (/wiki/Title), as a wiki people use is set up.
  echo '$wgArticlePath = "/wiki/$1";' >>"$conf/LocalSettings.php"
  install -m 644 "$conf/LocalSettings.php" /etc/mediawiki/LocalSettings.php
  rm -rf "$conf"
fi
cat >/etc/apache2/sites-available/mw-bench.conf <<'CONF'
Listen 127.0.0.1:8090
<VirtualHost 127.0.0.1:8090>
  ServerName 127.0.0.1
  DocumentRoot /var/lib/mediawiki
  Alias /wiki /var/lib/mediawiki/index.php
  <Directory /var/lib/mediawiki>
    Options FollowSymLinks
    AllowOverride None
    DirectoryIndex index.php
    Require all granted
  </Directory>
</VirtualHost>
CONF
enable_site mw-bench 8090
words() { echo "$1 onboarding budget setup review runbook channel for budget deploy config expenses access checklist every production channel for expenses requests to each fire in laptop back review take roll glossary owns back owns planning we team channel when deploy before quarter to shared."; }
page=$(printf '%s\n\n%s\n\n%s\n\n%s\n\nSee [[Getting started]].\n' "$(words Onboarding)" "$(words Before)" "$(words Quarter)" "$(words In)")
(cd "$mw" && runuser -u www-data -- php maintenance/edit.php --user Ana --summary bench "Getting started" <<<"Where everyone starts." >/dev/null)
(cd "$mw" && runuser -u www-data -- php maintenance/edit.php --user Ana --summary bench "Onboarding the 1" <<<"$page" >/dev/null)
# Signed in as Ana: a login token, then the login, in one cookie jar.
jar=$(mktemp)
api=http://127.0.0.1:8090/api.php
token=$(curl -fs -c "$jar" -b "$jar" "$api?action=query&meta=tokens&type=login&format=json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["query"]["tokens"]["logintoken"])')
curl -fs -c "$jar" -b "$jar" "$api" --data-urlencode action=clientlogin --data-urlencode username=Ana --data-urlencode "password=$password" \
  --data-urlencode "logintoken=$token" --data-urlencode loginreturnurl=http://127.0.0.1:8090/ --data-urlencode format=json |
  python3 -c 'import json,sys; r=json.load(sys.stdin)["clientlogin"]; assert r["status"] == "PASS", r'
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')
rm -f "$jar"
url=http://127.0.0.1:8090/wiki/Onboarding_the_1
curl -fs -o /dev/null -H "Cookie: $cookie" "$url"  # the parser cache holds the page from here
echo "$url $cookie"
