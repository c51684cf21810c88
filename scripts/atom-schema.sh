#!/usr/bin/env bash
# The Atom RELAX NG schema (RFC 4287, Appendix B) as XML syntax, for xmllint to validate
# Agora's feeds against: taken from the RFC as Debian ships it (doc-rfc-std-proposed, in
# non-free), converted from the compact syntax by rnc2rng (python3-rnc2rng). Made once and
# kept in the given directory.
# Usage: scripts/atom-schema.sh DIR   (prints DIR/atom.rng)
set -euo pipefail
dir=$1
out=$dir/atom.rng
if [[ -s $out ]]; then echo "$out"; exit 0; fi
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The mirror apt uses (deb.debian.org unless the machine says otherwise).
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
  grep -E '^[[:space:]]*(URIs:|deb )' | grep -oE 'https?://[^ ]+/debian/?' | grep -v security | head -n1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
mirror=${mirror%/}
# A mirror that keeps main only has no non-free: Debian's own then.
if ! curl -fsSL -o "$work/Packages.gz" "$mirror/dists/bookworm/non-free/binary-all/Packages.gz"; then
  mirror=http://deb.debian.org/debian
  curl -fsSL -o "$work/Packages.gz" "$mirror/dists/bookworm/non-free/binary-all/Packages.gz"
fi
file=$(gzip -dc "$work/Packages.gz" | awk '/^Package: doc-rfc-std-proposed$/{p=1} p && /^Filename:/{f=$2; p=0} END{print f}')
[[ -n $file ]] || { echo "atom-schema: doc-rfc-std-proposed not found at $mirror" >&2; exit 1; }
curl -fsSL -o "$work/rfc.deb" "$mirror/$file"
dpkg-deb --fsys-tarfile "$work/rfc.deb" | tar -x -C "$work" ./usr/share/doc/RFC/proposed-standard/rfc4287.txt.gz
# Appendix B: from "# -*- rnc -*-" to "# EOF", without the page breaks' footers and headers,
# less the three spaces of the RFC's indent.
gzip -dc "$work/usr/share/doc/RFC/proposed-standard/rfc4287.txt.gz" |
  awk '/^   # -\*- rnc -\*-/{on=1} on && !/^Nottingham & Sayre/ && !/^RFC 4287/ && !/\f/ {print} /^   # EOF/{on=0}' |
  sed 's/^   //' >"$work/atom.rnc"
rnc2rng "$work/atom.rnc" "$work/atom.rng"
# libxml2 refuses a prefix bound to the empty namespace (the schema's `local`, unused by it).
sed -i 's/ xmlns:local=""//' "$work/atom.rng"
mv "$work/atom.rng" "$out"
echo "$out"
