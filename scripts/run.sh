#!/usr/bin/env bash
# Set up (first time) and run the dashboard at http://localhost:8501 (Japanese by default).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" "$@"
