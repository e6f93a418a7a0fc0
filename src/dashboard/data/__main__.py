"""Command line of the data layer: ``python -m dashboard.data <command>``.

Commands:
  build [NAME ...]        build Parquet files from data/source/*.csv
  check                   fail if a committed Parquet file is stale against its CSV
  fetch --from DIR_OR_URL copy/download the open data into data/open/, verifying checksums
  status                  list the open-data files and whether each is present

Staff updates (messages in Japanese; DASHBOARD_LANG=en for English):
  template DATASET [--out F] [--empty]        write the .xlsx template of a dataset
  import FILE --dataset NAME [--sheet S] [--dry-run] [--yes]
                                              read .xlsx/.csv, validate, show the diff, publish
  history [NAME]                              list the published versions (* = live)
  rollback NAME VERSION                       publish an earlier version again
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from dashboard.data import importer, open_data, paths, publish, store, templates
from dashboard.data.errors import DataError
from dashboard.data.headers import label
from dashboard.data.schemas import SPECS
from dashboard.i18n import set_language, t

DIFF_LINES = 20
"""Rows listed per kind of change; the rest are counted."""


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
    print(
        f"{len(report.copied)} copied, {len(report.unchanged)} unchanged, {len(report.failed)} failed → {paths.local_open_data_dir()}"
    )
    return 0 if report.ok else 1


def _status() -> int:
    print(f"open data folder: {paths.open_data_dir()}")
    for rel, present in open_data.status().items():
        print(f"{'ok     ' if present else 'MISSING'} {rel}")
    return 0


def _describe(exc: DataError) -> str:
    return "".join(t(key, **values) for key, values in importer.message_parts(exc))


def _fail(exc: DataError) -> int:
    print(t("admin.cli.error", message=_describe(exc)), file=sys.stderr)
    print(t("admin.unchanged"), file=sys.stderr)
    return 1


def _shown(value: Any) -> str:
    return "—" if value is None else str(value)


def _key_text(name: str, columns: tuple[str, ...], key: tuple[Any, ...]) -> str:
    return "、".join(f"{label(name, c)}={_shown(v)}" for c, v in zip(columns, key, strict=True))


def _print_diff(name: str, diff: importer.Diff) -> None:
    print(t("admin.cli.diff_title", **diff.counts()))
    key = diff.key_columns
    for kind, rows in (("added", diff.added), ("removed", diff.removed)):
        for row in rows[:DIFF_LINES]:
            print(t(f"admin.cli.{kind}", row_key=_key_text(name, key, tuple(row[c] for c in key))))
        if len(rows) > DIFF_LINES:
            print(t("admin.cli.more", count=len(rows) - DIFF_LINES))
    for change in diff.changed[:DIFF_LINES]:
        changes = "、".join(
            t("admin.cli.change", column=label(name, c), old=_shown(old), new=_shown(new))
            for c, old, new in change.changes
        )
        print(t("admin.cli.changed", row_key=_key_text(name, key, change.key), changes=changes))
    if len(diff.changed) > DIFF_LINES:
        print(t("admin.cli.more", count=len(diff.changed) - DIFF_LINES))


def _print_notes(name: str, notes: tuple[importer.Note, ...]) -> None:
    groups = importer.note_summary(notes)
    if not groups:
        return
    print(t("admin.cli.notes_title"))
    for code, items in groups.items():
        first = items[0]
        print(
            "  "
            + t(
                "admin.note.line",
                what=t(f"admin.note.{code}"),
                count=len(items),
                row=first.row + 1,
                column=label(name, first.column),
                before=first.before,
                after=first.after,
            )
        )


def _template(name: str, out: str | None, empty: bool) -> int:
    if name not in SPECS:
        return _fail(importer.unknown_dataset(name))
    try:
        target = templates.write_template(name, Path(out or f"{name}_template.xlsx"), with_data=not empty)
    except DataError as exc:
        return _fail(exc)
    print(t("admin.cli.template_written", path=target))
    return 0


def _confirmed(assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        print(t("admin.cli.need_yes"), file=sys.stderr)
        return False
    answer = input(t("admin.cli.confirm")).strip().lower()
    if answer not in ("y", "yes", "はい"):
        print(t("admin.cli.cancelled"))
        return False
    return True


def _import(file: str, name: str, sheet: str | None, dry_run: bool, assume_yes: bool) -> int:
    path = Path(file)
    print(t("admin.cli.reading", path=path, dataset=name))
    try:
        imported = importer.read_path(path, name, sheet)
        base = publish.live_sha256(name)
        diff = importer.compare(imported)
    except DataError as exc:
        return _fail(exc)
    if imported.file_format == "csv":
        delimiter = {"\t": "TAB", ",": ",", ";": ";", "|": "|"}.get(imported.delimiter or ",", imported.delimiter)
        print(t("admin.cli.format_csv", encoding=imported.encoding, delimiter=delimiter))
    else:
        print(t("admin.cli.format_xlsx", sheet=imported.sheet))
    print(t("admin.cli.rows", rows=imported.rows, blank=imported.dropped_blank_rows))
    _print_notes(name, imported.notes)
    _print_diff(name, diff)
    if diff.empty:
        print(t("admin.cli.no_change"))
        return 0
    if dry_run:
        print(t("admin.cli.dry_run"))
        return 0
    if not _confirmed(assume_yes):
        return 1
    try:
        version = publish.publish(imported, actor=publish.default_actor(), base_sha256=base, check_base=True)
    except DataError as exc:
        return _fail(exc)
    print(t("admin.cli.published", dataset=name, version=version.version, previous=version.replaces or "—"))
    return 0


def _history(name: str | None) -> int:
    try:
        versions = publish.history(name)
    except DataError as exc:
        return _fail(exc)
    if not versions:
        print(t("admin.cli.history_empty"))
        return 0
    print(t("admin.cli.history_header"))
    for v in versions:
        mark = "＊" if v.current else "  "
        print(
            f"{mark}{v.dataset}  {v.version}  {v.published_at}  {t(f'admin.reason.{v.reason}')}  "
            f"{_shown(v.rows)}  {v.actor or '—'}  {v.origin}"
        )
    return 0


def _rollback(name: str, version: str) -> int:
    try:
        new = publish.rollback(name, version, actor=publish.default_actor())
    except DataError as exc:
        return _fail(exc)
    print(t("admin.cli.diff_title", added=new.added, changed=new.changed, removed=new.removed))
    print(t("admin.cli.rolled_back", dataset=name, version=version, new=new.version))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.data", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build Parquet from CSV")
    p_build.add_argument("names", nargs="*", metavar="NAME", help=", ".join(SPECS))
    sub.add_parser("check", help="fail if a Parquet file is stale")
    p_fetch = sub.add_parser("fetch", help="fetch open data from a mirror")
    p_fetch.add_argument("--from", dest="origin", required=True, metavar="DIR_OR_URL")
    sub.add_parser("status", help="open-data presence")
    p_template = sub.add_parser("template", help="write a dataset's .xlsx template")
    p_template.add_argument("dataset", metavar="DATASET", help=", ".join(SPECS))
    p_template.add_argument("--out", metavar="F", help="output file (default: DATASET_template.xlsx)")
    p_template.add_argument("--empty", action="store_true", help="headers only, without the published rows")
    p_import = sub.add_parser("import", help="import .xlsx/.csv: validate, diff, publish")
    p_import.add_argument("file", metavar="FILE")
    p_import.add_argument("--dataset", required=True, metavar="NAME", help=", ".join(SPECS))
    p_import.add_argument("--sheet", metavar="S", help="sheet to read (default: データ, else the first)")
    p_import.add_argument("--dry-run", action="store_true", help="validate and show the diff only")
    p_import.add_argument("--yes", action="store_true", help="publish without asking")
    p_history = sub.add_parser("history", help="list published versions")
    p_history.add_argument("name", nargs="?", metavar="NAME")
    p_rollback = sub.add_parser("rollback", help="publish an earlier version again")
    p_rollback.add_argument("name", metavar="NAME")
    p_rollback.add_argument("version", metavar="VERSION")
    args = parser.parse_args(argv)
    set_language(os.environ.get("DASHBOARD_LANG", "ja"))
    if args.command == "template":
        return _template(args.dataset, args.out, args.empty)
    if args.command == "import":
        return _import(args.file, args.dataset, args.sheet, args.dry_run, args.yes)
    if args.command == "history":
        return _history(args.name)
    if args.command == "rollback":
        return _rollback(args.name, args.version)
    if args.command == "build":
        return _build(args.names)
    if args.command == "check":
        return _check()
    if args.command == "fetch":
        return _fetch(args.origin)
    return _status()


if __name__ == "__main__":
    sys.exit(main())
