#!/usr/bin/env bash
# Installs what building, running and testing Agora needs, from Debian 12 packages and npm.
# Idempotent and quiet when everything is already present, so `make` can call it every time.
# Usage: scripts/install-deps.sh [--bench]   (--bench adds wrk, nginx and the sqlite3 shell for bench/)
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsodium-dev libcli11-dev libtomlplusplus-dev libcsv-dev
  libpq-dev postgresql-15
  libvips-dev libwebp-dev libmagic-dev libicu-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libgtest-dev libgmock-dev libxxhash-dev
  libgmime-3.0-dev libcurl4-openssl-dev liboath-dev libqrencode-dev libcjose-dev libjansson-dev
  libldap-dev slapd ldap-utils openssl zlib1g-dev libyaml-cpp-dev libxapian-dev libgit2-dev libzip-dev
  # The wiki's PDF books (weasyprint, in one command with python3-munkres: fonttools' other
  # choice, scipy, would pull Boost 1.74 and remove 1.81), their test (pdftotext) and the
  # EPUB validator the tests run.
  weasyprint python3-munkres fonts-dejavu-core poppler-utils epubcheck
  # Imports from MediaWiki: its XML read by libxml2, its wikitext converted by pandoc.
  libxml2-dev pandoc
  clang libclang-rt-14-dev
  chromium
  curl libxml2-utils python3-rnc2rng
)
if [[ "${1:-}" == "--bench" ]]; then packages+=(wrk nginx-light curl sqlite3); fi

# Debian's Node 18 only where no node/npm exists: machines carrying Node 20 from another
# repository would see Debian's npm conflict with their nodejs package.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
