# Shared by the bench scripts (source it): a work directory under /tmp removed at exit,
# `pids` of background processes killed at exit, and `port` for a free local port.
# Usage: source bench/lib.sh NAME
work=$(mktemp -d "/tmp/agora-bench-$1-XXXXXX")
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
