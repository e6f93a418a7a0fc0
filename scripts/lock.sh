#!/usr/bin/env bash
# requirements.txt is the pinned set of pyproject.toml's dependencies and its `test` and `bench` extras.
#   scripts/lock.sh           regenerate it (keeps the current pins where pyproject still allows them)
#   scripts/lock.sh --check   fail if it does not match pyproject.toml (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=(pyproject.toml --extra test --extra bench --python-version 3.11)
header="uv pip compile ${cmd[*]} -o requirements.txt"
uv=.venv/bin/uv
[ -x "$uv" ] || uv=uv
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp)
  trap 'rm -f "$tmp"' EXIT
  cp requirements.txt "$tmp"   # the current pins are the preferred versions, as when regenerating
  "$uv" pip compile --quiet "${cmd[@]}" --custom-compile-command "$header" -o "$tmp"
  if ! diff -u requirements.txt "$tmp"; then
    echo "error: requirements.txt does not match pyproject.toml; run scripts/lock.sh and commit it" >&2
    exit 1
  fi
  echo "requirements.txt matches pyproject.toml"
else
  "$uv" pip compile --quiet "${cmd[@]}" --custom-compile-command "$header" -o requirements.txt
fi
