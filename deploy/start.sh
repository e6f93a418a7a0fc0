#!/usr/bin/env bash
# Start N dashboard processes on loopback and nginx in front of them.
#   deploy/start.sh [N] [LISTEN_PORT]     (defaults: 2 processes, port 8080)
# Processes listen on 127.0.0.1:8601.. (BASE_PORT to change); state, logs and the
# rendered nginx.conf go to deploy/run/ (RUN_DIR to change). Stop with deploy/stop.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
N="${1:-2}"
LISTEN="${2:-8080}"
BASE_PORT="${BASE_PORT:-8601}"
RUN_DIR="${RUN_DIR:-$REPO/deploy/run}"
mkdir -p "$RUN_DIR"
: >"$RUN_DIR/access.log"   # fresh logs per start: the load test reads them
: >"$RUN_DIR/nginx-error.log"
scripts/setup.sh

upstreams=""
for i in $(seq 0 $((N - 1))); do
  port=$((BASE_PORT + i))
  .venv/bin/streamlit run app.py --server.address 127.0.0.1 --server.port "$port" \
      --server.headless true >"$RUN_DIR/app-$port.log" 2>&1 &
  echo $! >"$RUN_DIR/app-$port.pid"
  upstreams+="        server 127.0.0.1:$port max_fails=2 fail_timeout=5s;"$'\n'
done

# Wait for every process to answer its health check.
for i in $(seq 0 $((N - 1))); do
  port=$((BASE_PORT + i))
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/_stcore/health" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/_stcore/health" >/dev/null || { echo "backend $port did not start" >&2; exit 1; }
done

python3 - "$RUN_DIR" "$REPO" "$LISTEN" "$upstreams" <<'PY'
import sys
run_dir, repo, listen, upstreams = sys.argv[1:5]
text = open(f"{repo}/deploy/nginx.conf.template", encoding="utf-8").read()
for key, value in {"@RUN_DIR@": run_dir, "@REPO@": repo, "@LISTEN@": listen, "@UPSTREAMS@": upstreams.rstrip()}.items():
    text = text.replace(key, value)
open(f"{run_dir}/nginx.conf", "w", encoding="utf-8").write(text)
PY
nginx -t -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" >/dev/null 2>&1 || { nginx -t -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"; exit 1; }
nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"
echo "dashboard: $N processes behind nginx at http://localhost:$LISTEN (logs in $RUN_DIR)"
