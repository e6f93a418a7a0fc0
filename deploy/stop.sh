#!/usr/bin/env bash
# Stop nginx and the dashboard processes started by deploy/start.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
RUN_DIR="${RUN_DIR:-$(pwd)/deploy/run}"
[ -f "$RUN_DIR/nginx.pid" ] && nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -s quit 2>/dev/null
for f in "$RUN_DIR"/app-*.pid "$RUN_DIR"/signin-check.pid; do
  [ -f "$f" ] || continue
  kill "$(cat "$f")" 2>/dev/null
  rm -f "$f"
done
echo "stopped"
