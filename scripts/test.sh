#!/usr/bin/env bash
# Set up (first time) and run the tests.
#   scripts/test.sh            the whole suite: data freshness, unit and AppTest (spread over the cores),
#                              then the browser tests (two workers, whole files each)
#   scripts/test.sh --fast     the development tier: unit and AppTest only, spread over the cores, property
#                              tests drawing a quarter of their examples (tests/tiers.py)
#   scripts/test.sh PATH ...   anything else goes to pytest as is (one process)
# Browser tests need Debian's chromium and fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
  echo "error: /usr/bin/chromium is missing: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
fast=0
paths=0
args=()
for a in "$@"; do
  case "$a" in
    --fast) fast=1 ;;
    tests|tests/*) paths=1; args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done
.venv/bin/dashboard check
pytest=(.venv/bin/python -m pytest)
# Unit and AppTest files are independent of each other: pytest-xdist spreads them over the cores (work-stealing:
# a worker left idle at the end takes over queued tests, e.g. beside the long property test). Their
# temporary folders go to memory when it can (this disk discards every deleted block, so deleting
# thousands of small files costs seconds); one folder per checkout, as pytest wipes it at start.
parallel=(-n auto --dist worksteal)
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  parallel+=(--basetemp "/dev/shm/iwaki-dashboard-tests-$(id -u)-$(pwd | sha1sum | cut -c1-8)")
fi
if [ "$paths" = 1 ]; then
  [ "$fast" = 1 ] && export DASHBOARD_TEST_TIER=fast
  exec "${pytest[@]}" "${args[@]}"
fi
if [ "$fast" = 1 ]; then
  DASHBOARD_TEST_TIER=fast exec "${pytest[@]}" "${parallel[@]}" tests/unit tests/app ${args[@]+"${args[@]}"}
fi
# Browser tests: two workers, each taking whole files (a file's tests share its servers); much of
# their time is waiting for a page to settle, so two overlap well even on two cores.
e2e_parallel=(-n 2 --dist loadfile)
# A phase that selects no test (pytest's status 5, e.g. a -k matching only browser tests) is not a failure.
status=0
for phase in unit+app e2e; do
  rc=0
  if [ "$phase" = e2e ]; then
    "${pytest[@]}" "${e2e_parallel[@]}" tests/e2e ${args[@]+"${args[@]}"} || rc=$?
  else
    "${pytest[@]}" "${parallel[@]}" tests/unit tests/app ${args[@]+"${args[@]}"} || rc=$?
  fi
  if [ "$rc" != 0 ] && [ "$rc" != 5 ] && [ "$status" = 0 ]; then
    status=$rc
  fi
done
exit "$status"
