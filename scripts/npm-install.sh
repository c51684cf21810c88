#!/usr/bin/env bash
# Installs the npm workspace (web client and test tools) from package-lock.json, only when the
# lock file changed since the last install.
set -euo pipefail
stamp=node_modules/.agora-lock-stamp
if [[ -f $stamp ]] && cmp -s package-lock.json "$stamp"; then exit 0; fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
