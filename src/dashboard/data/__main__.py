"""Command line of the data layer: ``python -m dashboard.data <command>``.

Commands:
  build [NAME ...]        build Parquet files from data/source/*.csv
  check                   fail if a committed Parquet file is stale against its CSV
  fetch --from DIR_OR_URL copy/download the open data into data/open/, verifying checksums
  status                  list the open-data files and whether each is present
"""

from __future__ import annotations

import argparse
import sys

from dashboard.data import open_data, paths, store
from dashboard.data.errors import DataError
from dashboard.data.schemas import SPECS


def _build(names: list[str]) -> int:
    for name in names or list(SPECS):
        try:
            target = store.build(name)
        except DataError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"built {target.relative_to(paths.REPO_ROOT) if target.is_relative_to(paths.REPO_ROOT) else target}")
    return 0


def _check() -> int:
    stale = []
    for name in SPECS:
        try:
            table, digest = store.csv_to_table(name)
            published = store.read_table(name)
        except DataError as exc:
            stale.append(f"{name}: {exc}")
            continue
        if store.stored_source_sha256(name) != digest or not published.equals(table, check_metadata=False):
            stale.append(f"{name}: Parquet is stale; run `python -m dashboard.data build {name}`")
    for line in stale:
        print(line, file=sys.stderr)
    if not stale:
        print(f"all {len(SPECS)} datasets are up to date")
    return 1 if stale else 0


def _fetch(origin: str) -> int:
    report = open_data.fetch(origin)
    for p in report.copied:
        print(f"copied    {p}")
    for p in report.unchanged:
        print(f"unchanged {p}")
    for p, why in report.failed.items():
        print(f"FAILED    {p}: {why}", file=sys.stderr)
    print(f"{len(report.copied)} copied, {len(report.unchanged)} unchanged, {len(report.failed)} failed → {paths.local_open_data_dir()}")
    return 0 if report.ok else 1


def _status() -> int:
    print(f"open data folder: {paths.open_data_dir()}")
    for rel, present in open_data.status().items():
        print(f"{'ok     ' if present else 'MISSING'} {rel}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.data", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build Parquet from CSV")
    p_build.add_argument("names", nargs="*", metavar="NAME", help=", ".join(SPECS))
    sub.add_parser("check", help="fail if a Parquet file is stale")
    p_fetch = sub.add_parser("fetch", help="fetch open data from a mirror")
    p_fetch.add_argument("--from", dest="origin", required=True, metavar="DIR_OR_URL")
    sub.add_parser("status", help="open-data presence")
    args = parser.parse_args(argv)
    if args.command == "build":
        return _build(args.names)
    if args.command == "check":
        return _check()
    if args.command == "fetch":
        return _fetch(args.origin)
    return _status()


if __name__ == "__main__":
    sys.exit(main())
