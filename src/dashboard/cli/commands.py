"""What each subcommand of ``dashboard`` does: thin calls into the data layer, printed for people.

Every function returns the process exit code. Messages come from the i18n
catalogue (``cli.*`` and, for the staff's import commands, ``admin.cli.*``,
which the admin page shares).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from dashboard.data import importer, open_build, open_data, paths, publish, store, templates
from dashboard.data.errors import DataError
from dashboard.data.headers import label
from dashboard.data.schemas import SPECS
from dashboard.i18n import has, t

DIFF_LINES = 20
"""Rows listed per kind of change; the rest are counted."""


def _shown_path(path: Path) -> Path:
    return path.relative_to(paths.REPO_ROOT) if path.is_relative_to(paths.REPO_ROOT) else path


def _describe(exc: DataError) -> str:
    return "".join(t(key, **values) for key, values in importer.message_parts(exc))


def _data_error(exc: DataError) -> str:
    """A data-layer error in the chosen language, naming the file (and row and column when known)."""
    key = f"data_error.{exc.code}"
    if not has(key):
        return str(exc)
    text = t(key, path=str(exc.path), detail=exc.detail)
    if exc.row is not None or exc.column is not None:
        text += t("data_error.where", row=(exc.row + 1) if exc.row is not None else "—", column=exc.column or "—")
    return text


def _fail(exc: DataError) -> int:
    print(t("admin.cli.error", message=_describe(exc)), file=sys.stderr)
    print(t("admin.unchanged"), file=sys.stderr)
    return 1


# --------------------------------------------------------------------------- the report's datasets


def build(names: list[str]) -> int:
    """Build the published Parquet files from their CSV (all when ``names`` is empty)."""
    for name in names or list(SPECS):
        try:
            target = store.build(name)
        except DataError as exc:
            print(t("cli.error", message=_data_error(exc)), file=sys.stderr)
            return 1
        print(t("cli.built", path=_shown_path(target)))
    return 0


def build_open(raw: str) -> int:
    """Build ``data/open/`` and its manifest from the raw upstream files in ``raw``."""
    try:
        entries = open_build.build(Path(raw))
    except DataError as exc:
        print(t("cli.error", message=_data_error(exc)), file=sys.stderr)
        return 1
    folder = paths.local_open_data_dir()
    for e in entries:
        print(t("cli.built_open", path=e.path, rows=e.rows, size=e.size))
    print(
        t(
            "cli.built_open_total",
            count=len(entries),
            size=sum(e.size for e in entries),
            folder=_shown_path(folder),
            manifest=_shown_path(folder / open_data.MANIFEST),
        )
    )
    return 0


def check() -> int:
    """Fail when a Parquet file is stale against its CSV or an open-data file differs from its manifest."""
    problems = []
    for name in SPECS:
        try:
            table, digest = store.csv_to_table(name)
            published = store.read_table(name)
        except DataError as exc:
            problems.append(f"{name}: {exc}")
            continue
        if store.stored_source_sha256(name) != digest or not published.equals(table, check_metadata=False):
            problems.append(t("cli.check.stale", name=name))
    if not problems:
        # Each dataset is fine on its own; now the rules between them (ids used exist, every KPI has values).
        problems += [_describe(problem) for problem in importer.published_problems()]
    if not problems:
        print(t("cli.check.ok", count=len(SPECS)))
    states = open_data.status()
    bad = [s for s in states if s.state != "ok"]
    for s in bad:
        problems.append(f"{t(f'cli.status.{s.state}')} {s.path}: {t('open_data.howto')}")
    if not bad:
        print(t("cli.check.open_ok", count=len(states), folder=_shown_path(paths.open_data_dir())))
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


# --------------------------------------------------------------------------- open data


def fetch(origin: str) -> int:
    """Copy or download the open data from a mirror into ``data/open/``, verifying every checksum."""
    report = open_data.fetch(origin)
    for p in report.copied:
        print(t("cli.fetch.copied", path=p))
    for p in report.unchanged:
        print(t("cli.fetch.unchanged", path=p))
    for p, why in report.failed.items():
        print(t("cli.fetch.failed", path=p, why=why), file=sys.stderr)
    print(
        t(
            "cli.fetch.summary",
            copied=len(report.copied),
            unchanged=len(report.unchanged),
            failed=len(report.failed),
            folder=paths.local_open_data_dir(),
        )
    )
    return 0 if report.ok else 1


def status() -> int:
    """Which version (as-of, rows, sha256) of each open-data file is in use, and whether it is intact."""
    print(t("cli.status.folder", folder=paths.open_data_dir()))
    states = open_data.status()
    for s in states:
        e = s.entry
        print(
            t(
                "cli.status.line",
                state=t(f"cli.status.{s.state}"),
                path=s.path,
                as_of=(e.as_of or "—") if e else "—",
                rows=e.rows if e else "—",
                sha=e.sha256[:12] if e else "—",
            )
        )
    return 0 if all(s.state == "ok" for s in states) else 1


# --------------------------------------------------------------------------- staff updates


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


def template(name: str, out: str | None, empty: bool, force: bool = False) -> int:
    """Write the .xlsx template of a dataset (with the published rows unless ``empty``; ``force`` overwrites)."""
    if name not in SPECS:
        return _fail(importer.unknown_dataset(name))
    try:
        target = templates.write_template(
            name, Path(out or f"{name}_template.xlsx"), with_data=not empty, overwrite=force
        )
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
    if answer not in t("cli.yes_words").split(","):
        print(t("admin.cli.cancelled"))
        return False
    return True


def import_file(file: str, name: str, sheet: str | None, dry_run: bool, assume_yes: bool) -> int:
    """Read a staff file, validate it, show the diff and (unless a dry run) publish it."""
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


def history(name: str | None) -> int:
    """List the published versions (all datasets, or one)."""
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


def rollback(name: str, version: str) -> int:
    """Publish an earlier version of a dataset again."""
    try:
        new = publish.rollback(name, version, actor=publish.default_actor())
    except DataError as exc:
        return _fail(exc)
    print(t("admin.cli.diff_title", added=new.added, changed=new.changed, removed=new.removed))
    print(t("admin.cli.rolled_back", dataset=name, version=version, new=new.version))
    return 0


# --------------------------------------------------------------------------- benchmark


def bench(argv: list[str]) -> int:
    """Run the benchmark (``bench/`` in the repository) with the given options."""
    root = str(paths.REPO_ROOT)
    if root not in sys.path:  # bench/ lives beside src/, not in the installed package
        sys.path.insert(0, root)
    runner = importlib.import_module("bench.__main__")
    return int(runner.main(argv))
