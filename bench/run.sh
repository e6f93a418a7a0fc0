#!/usr/bin/env bash
# Run the performance benchmark: set up .venv (first time), then `dashboard bench`.
# Options pass through: bench/run.sh --quick | --only load,memory | --help.
# Needs Debian's chromium and fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk), as the browser tests do.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
  echo "error: /usr/bin/chromium is missing: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
exec .venv/bin/dashboard bench "$@"
