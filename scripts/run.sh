#!/usr/bin/env bash
# Set up (first time) and run the dashboard at http://localhost:8501 (Japanese by default).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -z "${DASHBOARD_OPEN_DATA_DIR:-}" ] && [ ! -d ../shared/data ] && [ ! -d data/open ]; then
  echo "note: open data not found; pages show what they can. Get it with:" >&2
  echo "      .venv/bin/python -m dashboard.data fetch --from <folder or URL>" >&2
fi
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" "$@"
