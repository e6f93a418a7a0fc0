"""Publishing staff updates: validate, archive, write to a temporary file, rename; history and rollback.

Layout (all under the data folder, so tests and deployments move it with
``DASHBOARD_DATA_DIR``)::

    data/<name>.parquet                       what the dashboard reads
    data/source/<name>.csv                    the human-editable truth it is built from
    data/history/<name>/<version>/            one folder per published version:
        <name>.parquet, <name>.csv            byte-for-byte copies of both files
        record.json                           when, who, from which file, why, row counts, checksums

An import updates **both** the Parquet file and its source CSV (the CSV is
rewritten from the validated table, and the Parquet records the CSV's
checksum), so ``dashboard check`` stays green and the CSV
remains the file people edit and review.

A publish:

1. takes a lock (one publish at a time) and finishes any interrupted publish;
2. re-validates the table against the dataset's schema and rules;
3. makes sure the version published now is in the history (a first import
   archives the built files as a ``baseline`` version);
4. writes the new version into its history folder (a temporary folder renamed
   into place), then a journal naming the new and the previous version;
5. installs the CSV and then the Parquet, each as a temporary file in the
   target folder renamed over the old one (``os.replace`` is atomic), so a
   reader sees the old file or the new one, never half of one;
6. removes the journal.

If the process dies between 4 and 6, the journal remains; the next publish,
rollback or history listing restores the previous version's files from the
history (byte-for-byte) and drops the unfinished version, so nothing is lost
and both files agree again.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import getpass
import io
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from dashboard.data import atomic, paths, store
from dashboard.data.errors import DataError, os_error_code
from dashboard.data.importer import (
    Imported,
    ImportProblem,
    check_import_rules,
    diff_tables,
    published_table,
    unknown_dataset,
)
from dashboard.data.schemas import SPECS, DatasetSpec
from dashboard.data.validate import check_rules, validate_table

RECORD = "record.json"
JOURNAL = ".publishing.json"
LOCK = ".lock"
LOCK_TIMEOUT_S = 30.0
_VERSION = re.compile(r"^\d{8}-\d{6}(-\d+)?$")

_rename = os.replace
"""The rename that publishes a file (a seam for tests that simulate a crash before it)."""


@dataclass(frozen=True)
class Version:
    """One published version of a dataset, as recorded in its history folder."""

    dataset: str
    version: str
    published_at: str
    actor: str
    origin: str
    reason: str
    rows: int | None
    parquet_sha256: str
    csv_sha256: str | None
    added: int | None = None
    changed: int | None = None
    removed: int | None = None
    replaces: str | None = None
    current: bool = False


def default_actor() -> str:
    """Who runs the command line (recorded in the history)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _sha(path: Path) -> str | None:
    try:
        return store.sha256_bytes(path.read_bytes())
    except FileNotFoundError:
        return None


def csv_text_bytes(table: pa.Table, spec: DatasetSpec) -> bytes:
    """The source CSV of a table: UTF-8, header of column names, empty cell for a missing value.

    Floats are written with ``repr`` (the shortest text that reads back to the
    same number), so building the CSV again gives exactly the same table.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.columns)
    for row in table.to_pylist():
        writer.writerow(
            ["" if row[c] is None else repr(row[c]) if isinstance(row[c], float) else row[c] for c in spec.columns]
        )
    return buffer.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------
# Locking, journal and installation


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    folder = paths.history_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK, "a+b") as handle:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DataError("publish_busy", folder) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _install(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` atomically and durably, keeping the published file's permissions."""
    atomic.write_bytes(target, source.read_bytes(), durable=True, rename=_rename)


def _write_small(target: Path, text: str) -> None:
    """Write a small text file atomically (a crash leaves the old file or the new one)."""
    atomic.write_bytes(target, text.encode("utf-8"), durable=True)


def _inside_history(path: Path) -> Path:
    """``path`` resolved, refused unless it stays inside the history folder (no symlink or ``..`` out of it)."""
    root = paths.history_dir().resolve()
    resolved = path.resolve()
    if resolved != root and not resolved.is_relative_to(root):
        raise DataError("outside_history", path, str(resolved))
    return path


def _dataset_dir(name: str) -> Path:
    if name not in SPECS:
        raise unknown_dataset(name)
    return _inside_history(paths.history_dir() / name)


def _files(folder: Path, name: str) -> tuple[Path, Path]:
    return folder / f"{name}.parquet", folder / f"{name}.csv"


def _read_record(folder: Path) -> dict[str, Any]:
    try:
        record = json.loads(_inside_history(folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError("history_unreadable", folder / RECORD, str(exc)) from None
    if not isinstance(record, dict):
        raise DataError("history_unreadable", folder / RECORD, "not a record")
    return record


def _verify_archive(folder: Path, name: str, version: str) -> None:
    """The archived files must be byte-for-byte those their record names (else the version is not restored)."""
    record = _read_record(folder)
    parquet, csv_file = _files(folder, name)
    if _sha(parquet) != record.get("parquet_sha256") or (
        record.get("csv_sha256") is not None and _sha(csv_file) != record.get("csv_sha256")
    ):
        raise ImportProblem("checksum_mismatch", str(folder), dataset=name, value=version)


@contextlib.contextmanager
def _os_errors(target: Path) -> Iterator[None]:
    """Operating-system failures (read-only folder, disk full, permissions) as data errors naming the file."""
    try:
        yield
    except OSError as exc:
        raise DataError(
            os_error_code(exc), getattr(exc, "filename", None) or target, exc.strerror or str(exc)
        ) from None


def _recover(name: str) -> str | None:
    """Finish an interrupted publish of ``name``: keep it if complete, else restore the previous version.

    Returns the version id of the interrupted publish, or None if there was none.
    """
    journal = _inside_history(_dataset_dir(name) / JOURNAL)
    if not journal.exists():
        return None
    try:
        entry = json.loads(journal.read_text(encoding="utf-8"))
        version, previous = str(entry["version"]), entry.get("previous")
        if not _VERSION.match(version) or (previous is not None and not _VERSION.match(str(previous))):
            raise ValueError("version ids")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError("journal_unreadable", journal, str(exc)) from None
    new_dir = _inside_history(_dataset_dir(name) / version)
    live_parquet, live_csv = paths.parquet_path(name), paths.csv_path(name)
    complete = False
    if new_dir.is_dir():
        record = _read_record(new_dir)
        complete = _sha(live_parquet) == record["parquet_sha256"] and _sha(live_csv) == record["csv_sha256"]
    if not complete:
        if previous:
            old_parquet, old_csv = _files(_inside_history(_dataset_dir(name) / previous), name)
            if old_csv.exists():
                _install(old_csv, live_csv)
            _install(old_parquet, live_parquet)
        shutil.rmtree(new_dir, ignore_errors=True)
    for folder in (paths.data_dir(), paths.source_dir()):
        for stale in folder.glob(f".{name}.*.tmp"):  # temporary files a crash left behind
            stale.unlink(missing_ok=True)
    journal.unlink()
    return None if complete else version


# ---------------------------------------------------------------------------
# History


def _version_from(folder: Path) -> Version:
    record = _read_record(folder)
    known = {f for f in Version.__dataclass_fields__ if f != "current"}
    try:
        return Version(**{k: v for k, v in record.items() if k in known})
    except TypeError as exc:
        raise DataError("history_unreadable", folder / RECORD, str(exc)) from None


def _versions(name: str) -> list[Version]:
    folder = _dataset_dir(name)
    if not folder.is_dir():
        return []
    return [_version_from(d) for d in sorted(folder.iterdir()) if d.is_dir() and not d.name.startswith(".")]


def history(name: str | None = None) -> list[Version]:
    """Versions of one dataset (or of every dataset with a history), oldest first, the live one marked ``current``."""
    with _os_errors(paths.history_dir()):
        return _history(name)


def _history(name: str | None) -> list[Version]:
    names = [name] if name else sorted(d.name for d in paths.history_dir().glob("*") if d.is_dir() and d.name in SPECS)
    out: list[Version] = []
    for dataset in names:
        if dataset not in SPECS:
            raise unknown_dataset(dataset)
        if _dataset_dir(dataset).is_dir():  # listing alone never creates files
            with _locked():
                _recover(dataset)
        versions = _versions(dataset)
        live = (_sha(paths.parquet_path(dataset)), _sha(paths.csv_path(dataset)))
        current = next((v.version for v in reversed(versions) if (v.parquet_sha256, v.csv_sha256) == live), None)
        out += [Version(**{**asdict(v), "current": v.version == current}) for v in versions]
    return out


def _new_version_id(name: str, when: datetime) -> str:
    base = when.strftime("%Y%m%d-%H%M%S")
    candidate, n = base, 1
    while (_dataset_dir(name) / candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _write_version(name: str, version: str, parquet: Path | pa.Table, csv_bytes: bytes, record: dict[str, Any]) -> Path:
    """Create a history folder atomically: files in a temporary folder, then one rename."""
    parent = _dataset_dir(name)
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=parent))
    try:
        target_parquet, target_csv = _files(staging, name)
        if isinstance(parquet, pa.Table):
            store.write_atomic(parquet, target_parquet)
        else:
            shutil.copyfile(parquet, target_parquet)
        target_csv.write_bytes(csv_bytes)
        record = {
            **record,
            "dataset": name,
            "version": version,
            "parquet_sha256": _sha(target_parquet),
            "csv_sha256": store.sha256_bytes(csv_bytes),
        }
        (staging / RECORD).write_text(store.dumps_json(record), encoding="utf-8")
        for part in staging.iterdir():
            os.chmod(part, 0o644)
        os.chmod(staging, 0o755)
        final = parent / version
        os.rename(staging, final)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _archive_live(name: str) -> str | None:
    """The history version of what is published now, archiving it first (as ``baseline``) if needed."""
    live_parquet, live_csv = paths.parquet_path(name), paths.csv_path(name)
    if not live_parquet.exists():
        return None
    live = (_sha(live_parquet), _sha(live_csv))
    for v in reversed(_versions(name)):
        if (v.parquet_sha256, v.csv_sha256) == live:
            return v.version
    try:
        rows: int | None = store.read_table(name).num_rows
    except DataError:
        rows = None  # a damaged file is archived as it is, for the record
    when = datetime.fromtimestamp(live_parquet.stat().st_mtime).astimezone()
    version = _new_version_id(name, when)
    csv_bytes = live_csv.read_bytes() if live_csv.exists() else b""
    _write_version(
        name,
        version,
        live_parquet,
        csv_bytes,
        {
            "published_at": when.isoformat(timespec="seconds"),
            "actor": "",
            "origin": f"{name}.csv",
            "reason": "baseline",
            "rows": rows,
        },
    )
    return version


# ---------------------------------------------------------------------------
# Publish and rollback


def _publish(
    name: str,
    parquet: Path | pa.Table,
    csv_bytes: bytes,
    record: dict[str, Any],
    base_sha256: str | None = None,
    check_base: bool = False,
) -> Version:
    with _locked():
        _recover(name)
        if check_base and _sha(paths.parquet_path(name)) != base_sha256:
            raise DataError("published_changed", paths.parquet_path(name))
        previous = _archive_live(name)
        now = datetime.now().astimezone()
        version = _new_version_id(name, now)
        folder = _write_version(
            name,
            version,
            parquet,
            csv_bytes,
            {
                **record,
                "published_at": now.isoformat(timespec="seconds"),
                "replaces": previous,
            },
        )
        journal = _dataset_dir(name) / JOURNAL
        _write_small(journal, json.dumps({"version": version, "previous": previous}))
        new_parquet, new_csv = _files(folder, name)
        try:
            # The CSV first and the Parquet last: the dashboard switches only when both are in place.
            _install(new_csv, paths.csv_path(name))
            _install(new_parquet, paths.parquet_path(name))
        except Exception as exc:
            # Put the previous version back now; if even that fails, the journal stays and the
            # next publish, rollback or history listing finishes the job.
            with contextlib.suppress(Exception):
                _recover(name)
            raise DataError("publish_failed", paths.parquet_path(name), f"{type(exc).__name__}: {exc}") from None
        journal.unlink()
        return Version(
            **{**{k: v for k, v in _read_record(folder).items() if k in Version.__dataclass_fields__}, "current": True}
        )


def publish(
    imported: Imported, *, actor: str, base_sha256: str | None = None, check_base: bool = False, via: str = "cli"
) -> Version:
    """Publish a validated import; returns the new version (see :func:`_publish_import`)."""
    with _os_errors(paths.parquet_path(imported.dataset)):
        return _publish_import(imported, actor=actor, base_sha256=base_sha256, check_base=check_base, via=via)


def _publish_import(imported: Imported, *, actor: str, base_sha256: str | None, check_base: bool, via: str) -> Version:
    """Publish a validated import; returns the new version.

    With ``check_base``, refuses when the published file is no longer the one
    the diff was computed against (``base_sha256``; None = nothing published),
    so a diff shown on screen is exactly what gets published.
    """
    spec = SPECS[imported.dataset]
    table = imported.table
    if not table.schema.equals(spec.schema, check_metadata=False):
        raise DataError("schema_mismatch", imported.origin)
    check_rules(table.to_pandas(), spec, imported.origin)
    check_import_rules(imported.dataset, table)
    csv_bytes = csv_text_bytes(table, spec)
    final = store.with_metadata(table, spec, store.sha256_bytes(csv_bytes))
    try:
        old = published_table(imported.dataset)
    except DataError:
        old = None
    counts = diff_tables(spec, old, table).counts()
    return _publish(
        imported.dataset,
        final,
        csv_bytes,
        {
            "actor": actor,
            "origin": imported.origin,
            "input_sha256": imported.input_sha256,
            "via": via,
            "reason": "import",
            "rows": table.num_rows,
            **counts,
        },
        base_sha256=base_sha256,
        check_base=check_base,
    )


def _csv_matches(name: str, csv_path: Path, table: pa.Table) -> bool:
    """Whether an archived CSV builds exactly the archived table and is the source its metadata names."""
    if not csv_path.exists():
        return False
    try:
        built, digest = store.csv_to_table(name, csv_path)
    except DataError:
        return False
    recorded = (table.schema.metadata or {}).get(store.META_SOURCE_SHA256, b"").decode()
    return built.equals(table, check_metadata=False) and recorded == digest


def live_sha256(name: str) -> str | None:
    """Checksum of the published Parquet file (None when there is none): the base of a diff."""
    return _sha(paths.parquet_path(name))


def rollback(name: str, version: str, *, actor: str, via: str = "cli") -> Version:
    """Publish an earlier version again (its exact bytes), after checking it; returns the new version entry."""
    if name not in SPECS:
        raise unknown_dataset(name)
    with _os_errors(paths.parquet_path(name)):
        return _rollback(name, version, actor=actor, via=via)


def _rollback(name: str, version: str, *, actor: str, via: str) -> Version:
    if not _VERSION.match(version) or not (_dataset_dir(name) / version).is_dir():
        available = "、".join(v.version for v in _versions(name))
        raise ImportProblem("version_missing", str(_dataset_dir(name)), dataset=name, value=version, expected=available)
    folder = _inside_history(_dataset_dir(name) / version)
    _verify_archive(folder, name, version)
    old_parquet, old_csv = _files(folder, name)
    spec = SPECS[name]
    table = store.read_table(name, old_parquet)
    validate_table(table, spec, old_parquet)
    parquet: Path | pa.Table = old_parquet
    if _csv_matches(name, old_csv, table):
        csv_bytes = old_csv.read_bytes()
    else:
        # The archived CSV had drifted from its Parquet (edited without a build): the figures
        # shown are the Parquet's, so the CSV is written again from them.
        csv_bytes = csv_text_bytes(table, spec)
        parquet = store.with_metadata(table, spec, store.sha256_bytes(csv_bytes))
    try:
        current = store.read_table(name)
    except DataError:
        current = None
    counts = diff_tables(spec, current, table).counts()
    return _publish(
        name,
        parquet,
        csv_bytes,
        {
            "actor": actor,
            "origin": version,
            "via": via,
            "reason": "rollback",
            "rows": table.num_rows,
            **counts,
        },
    )
