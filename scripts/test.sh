#!/usr/bin/env bash
# Set up (first time) and run the whole test suite: data freshness (report data and open data), unit, AppTest
# and browser tests.
# Browser tests need Debian's chromium and fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
  echo "error: /usr/bin/chromium is missing: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
# --fast: the development tier (unit + AppTest, no browser); anything else goes to pytest as is.
args=()
for a in "$@"; do
  if [ "$a" = "--fast" ]; then args+=(tests/unit tests/app); else args+=("$a"); fi
done
.venv/bin/dashboard check
exec .venv/bin/python -m pytest ${args[@]+"${args[@]}"}
